import { useMemo, useState } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { formatBytes, formatEta, formatSpeed } from '../lib/format';
import { settledPercent, summaryFromTotals, wholeQueueSummary } from '../lib/queue-groups';
import { useQueueStore } from '../store/queue-store';
import { ProgressBar } from './ProgressBar';

/**
 * Overall progress, smoothed speed, and an ETA shown only while it means something. The bar counts every
 * state: uploaded, failed and canceled files are behind us, so it reaches 100% when nothing is left to do,
 * and the counts say how it ended.
 */
export function TotalsBar() {
  const t = useTranslate();
  const totals = useQueueStore((s) => s.totals);
  const byId = useQueueStore((s) => s.byId);
  const changed = useQueueStore((s) => s.changed);
  const complete = useQueueStore((s) => s.complete);
  // Rows still arriving page by page are not the whole queue: main's totals are, meanwhile. Once they are all
  // in, a snapshot corrects the sum by the rows it replaced (not a pass over every row, 10 times a second).
  const [summarizeAll] = useState(wholeQueueSummary);
  const s = useMemo(
    () => (complete ? summarizeAll(byId, changed) : summaryFromTotals(totals)),
    [complete, byId, changed, totals, summarizeAll],
  );
  if (s.files === 0) return null;
  const percent = settledPercent(s);
  const done = formatBytes(s.bytesDone);
  const total = formatBytes(s.bytes);
  const eta = totals.active > 0 && totals.etaSeconds !== null ? formatEta(totals.etaSeconds) : '';
  const counts = [
    t('totals.files', { done: s.uploaded, total: s.files }),
    s.active ? t('group.active', { count: s.active }) : '',
    s.waiting ? t('group.waiting', { count: s.waiting }) : '',
    s.paused ? t('group.paused', { count: s.paused }) : '',
    s.failed ? t('group.failed', { count: s.failed }) : '',
    s.canceled ? t('group.canceled', { count: s.canceled }) : '',
  ].filter(Boolean);
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
      <span className="totals__counts muted" data-testid="totals-counts">
        {counts.join(' · ')}
      </span>
    </div>
  );
}
