import { statesAllowing } from '../../../shared/domain/job-actions';
import { ACTIVE_STATES } from '../../../shared/domain/job-status';
import type { QueueTotals } from '../../../shared/domain/queue';
import type { Activity } from './app-services';

const count = (totals: QueueTotals, ...states: readonly string[]) =>
  states.reduce((sum, state) => sum + (totals.counts[state] ?? 0), 0);

/** The shell's coarse view (taskbar, tray, power-save, quit prompt) of the queue's totals. */
export function activityFromTotals(totals: QueueTotals): Activity {
  const active = count(totals, ...ACTIVE_STATES);
  const queued = count(totals, 'queued');
  const paused = count(totals, 'paused');
  // Jobs that stopped and wait for a person: failed, or their source is missing.
  const failed = count(totals, ...statesAllowing('retry'));
  const unfinished = active + queued + paused;
  const progress =
    unfinished > 0 && totals.bytesTotal > 0 ? Math.min(1, totals.bytesDone / totals.bytesTotal) : null;
  return { active, queued, paused, failed, progress };
}

export function sameActivity(a: Activity, b: Activity): boolean {
  return (
    a.active === b.active &&
    a.queued === b.queued &&
    a.paused === b.paused &&
    a.failed === b.failed &&
    (a.progress === null) === (b.progress === null) &&
    Math.abs((a.progress ?? 0) - (b.progress ?? 0)) < 0.005
  );
}
