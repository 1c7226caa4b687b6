import { memo } from 'react';
import type { Translate } from '../i18n/translate';
import { countFiles } from '../i18n/translate';
import { formatBytes } from '../lib/format';
import { settledPercent, type QueueItem, type QueueSummary } from '../lib/queue-groups';
import { ProgressBar } from './ProgressBar';

export const GROUP_ROW_HEIGHT = 36;

type GroupItem = Extract<QueueItem, { type: 'group' }>;

interface QueueGroupRowProps {
  readonly group: GroupItem;
  /** The group's totals (kept apart from the item, so a snapshot changes only these). */
  readonly summary: QueueSummary;
  readonly rowIndex: number;
  readonly top: number;
  readonly t: Translate;
  readonly onToggle: (key: string) => void;
}

/** A dropped folder's (or a batch of loose files') header: what it adds up to, every state counted. */
export const QueueGroupRow = memo(function QueueGroupRow({
  group,
  summary,
  rowIndex,
  top,
  t,
  onToggle,
}: QueueGroupRowProps) {
  const s = summary;
  const name = group.folder || t('group.loose', { time: new Date(group.addedAt).toLocaleTimeString() });
  const percent = settledPercent(s);
  const parts = [
    countFiles(t, s.files),
    formatBytes(s.bytes),
    s.uploaded ? t('group.uploaded', { count: s.uploaded }) : '',
    s.active ? t('group.active', { count: s.active }) : '',
    s.waiting ? t('group.waiting', { count: s.waiting }) : '',
    s.paused ? t('group.paused', { count: s.paused }) : '',
    s.failed ? t('group.failed', { count: s.failed }) : '',
    s.canceled ? t('group.canceled', { count: s.canceled }) : '',
  ].filter(Boolean);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-expanded={!group.collapsed}
      className={`qgroup${s.failed ? ' qgroup--failed' : ''}`}
      data-testid="queue-group"
      style={{ transform: `translateY(${top}px)`, height: GROUP_ROW_HEIGHT }}
    >
      <div role="gridcell" className="qgroup__cell">
        <button
          type="button"
          className="link-button qgroup__toggle"
          tabIndex={-1}
          aria-label={group.collapsed ? t('group.expand', { name }) : t('group.collapse', { name })}
          onClick={() => onToggle(group.key)}
        >
          <span aria-hidden="true">{group.collapsed ? '▸' : '▾'}</span>{' '}
          <strong translate={group.folder ? 'no' : undefined}>{name}</strong>
        </button>
        <span className="qgroup__summary muted" data-testid="queue-group-summary">
          {parts.join(' · ')}
        </span>
        <ProgressBar
          label={t('group.progress', { name })}
          percent={percent}
          valueText={t('group.progressText', { percent })}
          className="qgroup__bar"
        />
      </div>
    </div>
  );
});
