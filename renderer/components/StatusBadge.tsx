import type { JobStatus } from '../../shared/domain/job-status';
import { useTranslate } from '../i18n/use-translate';

const ICONS: Record<JobStatus['state'], string> = {
  queued: '◷',
  preparing: '⋯',
  uploading: '↑',
  paused: '❚❚',
  retrying: '↻',
  verifying: '✓?',
  done: '✓',
  failed: '✕',
  canceled: '⊘',
  'source-missing': '!',
};

/** Icon and text, never colour alone. */
export function StatusBadge({ status }: { readonly status: JobStatus }) {
  const t = useTranslate();
  const text =
    status.state === 'retrying'
      ? t('status.retrying', { attempt: status.attempt })
      : t(`status.${status.state}`);
  return (
    <span className={`badge badge--${status.state}`} data-state={status.state}>
      <span className="badge__icon" aria-hidden="true">
        {ICONS[status.state]}
      </span>
      <span className="badge__text">{text}</span>
    </span>
  );
}
