import type { JobView, QueueTotals } from '../../shared/domain/queue';

/**
 * What the one polite status region should say between two queue states: milestones only (started,
 * overall 25/50/75%, a file done or failed, all finished), never ticks. Pure, so it is testable.
 */
export type Milestone =
  | { type: 'started' }
  | { type: 'progress'; percent: 25 | 50 | 75 }
  | { type: 'done'; names: string[] }
  | { type: 'failed'; names: string[]; message: string }
  | { type: 'all-done' };

export interface MilestoneState {
  readonly active: boolean;
  readonly quarter: number;
  readonly states: ReadonlyMap<string, string>;
}

export const INITIAL_MILESTONES: MilestoneState = { active: false, quarter: 0, states: new Map() };

export function nextMilestones(
  previous: MilestoneState,
  jobs: Iterable<JobView>,
  totals: QueueTotals,
): { state: MilestoneState; milestones: Milestone[] } {
  const milestones: Milestone[] = [];
  const states = new Map<string, string>();
  const done: string[] = [];
  const failed: string[] = [];
  let failMessage = '';
  for (const job of jobs) {
    states.set(job.id, job.status.state);
    const before = previous.states.get(job.id);
    if (before === undefined || before === job.status.state) continue;
    if (job.status.state === 'done') done.push(job.name);
    if (job.status.state === 'failed') {
      failed.push(job.name);
      failMessage = job.status.error.message;
    }
  }
  const active = totals.active > 0;
  if (active && !previous.active) milestones.push({ type: 'started' });
  if (done.length) milestones.push({ type: 'done', names: done });
  if (failed.length) milestones.push({ type: 'failed', names: failed, message: failMessage });

  const ratio = totals.bytesTotal > 0 ? totals.bytesDone / totals.bytesTotal : 0;
  const quarter = active ? Math.min(3, Math.floor(ratio * 4)) : 0;
  if (active && quarter > previous.quarter) {
    milestones.push({ type: 'progress', percent: (quarter * 25) as 25 | 50 | 75 });
  }
  const waiting = (totals.counts['queued'] ?? 0) + (totals.counts['paused'] ?? 0);
  if (!active && previous.active && waiting === 0) milestones.push({ type: 'all-done' });
  return { state: { active, quarter: active ? Math.max(quarter, previous.quarter) : 0, states }, milestones };
}
