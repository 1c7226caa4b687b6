import { useTranslate } from '../i18n/use-translate';
import { formatBytes, formatEta, formatSpeed, percentOf } from '../lib/format';
import { useQueueStore } from '../store/queue-store';
import { ProgressBar } from './ProgressBar';

/** Overall progress, smoothed speed, and an ETA shown only while it means something. */
export function TotalsBar() {
  const t = useTranslate();
  const totals = useQueueStore((s) => s.totals);
  if (totals.jobs === 0) return null;
  const percent = percentOf(totals.bytesDone, totals.bytesTotal);
  const done = formatBytes(totals.bytesDone);
  const total = formatBytes(totals.bytesTotal);
  const eta = totals.active > 0 && totals.etaSeconds !== null ? formatEta(totals.etaSeconds) : '';
  const count = (state: string) => totals.counts[state] ?? 0;
  return (
    <div className="totals" data-testid="totals">
      <ProgressBar
        label={t('totals.label')}
        percent={percent}
        valueText={
          eta
            ? t('progress.textEta', { percent, done, total, eta })
            : t('progress.text', { percent, done, total })
        }
        className="totals__bar"
      />
      <span className="totals__bytes">{t('totals.summary', { done, total })}</span>
      <span className="totals__speed">{totals.active > 0 ? formatSpeed(totals.speed) : ''}</span>
      <span className="totals__eta">{eta ? t('totals.eta', { eta }) : ''}</span>
      <span className="totals__counts muted">
        {t('totals.jobs', {
          active: totals.active,
          queued: count('queued'),
          done: count('done'),
          failed: count('failed'),
        })}
      </span>
    </div>
  );
}
