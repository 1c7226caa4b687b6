import { describe, expect, it } from 'vitest';
import type { JobView, QueueTotals } from '../../../shared/domain/queue';
import type { JobStatus } from '../../../shared/domain/job-status';
import { INITIAL_MILESTONES, nextMilestones } from '../../../renderer/lib/milestones';

const row = (id: string, status: JobStatus): JobView => ({
  id,
  path: `/m/${id}`,
  name: id,
  relativeDir: '',
  kind: 'video',
  size: 100,
  bytesDone: 0,
  speed: 0,
  etaSeconds: null,
  status,
  mediaId: null,
  profileId: null,
  title: id,
  position: 1,
  addedAt: 1,
  retryCount: 0,
  lastError: null,
});
const totals = (
  active: number,
  done: number,
  total: number,
  counts: Record<string, number> = {},
): QueueTotals => ({
  jobs: 2,
  active,
  bytesTotal: total,
  bytesDone: done,
  speed: 0,
  etaSeconds: null,
  counts,
});

describe('milestones', () => {
  it('announces start, quarters, a finished file and the end, but not ticks', () => {
    let state = nextMilestones(INITIAL_MILESTONES, [row('a', { state: 'queued' })], totals(0, 0, 100)).state;
    let step = nextMilestones(state, [row('a', { state: 'uploading' })], totals(1, 1, 100));
    expect(step.milestones).toEqual([{ type: 'started' }]);
    state = step.state;

    step = nextMilestones(state, [row('a', { state: 'uploading' })], totals(1, 20, 100));
    expect(step.milestones).toEqual([]);
    state = step.state;

    step = nextMilestones(state, [row('a', { state: 'uploading' })], totals(1, 55, 100));
    expect(step.milestones).toEqual([{ type: 'progress', percent: 50 }]);
    state = step.state;

    step = nextMilestones(state, [row('a', { state: 'uploading' })], totals(1, 56, 100));
    expect(step.milestones).toEqual([]);
    state = step.state;

    step = nextMilestones(state, [row('a', { state: 'done', mediaId: 'v1' })], totals(0, 100, 100));
    expect(step.milestones).toEqual([{ type: 'done', names: ['a'] }, { type: 'all-done' }]);
  });

  it('reports failures with the message and does not call a pause "all done"', () => {
    const start = nextMilestones(
      INITIAL_MILESTONES,
      [row('a', { state: 'uploading' }), row('b', { state: 'uploading' })],
      totals(2, 0, 100),
    ).state;
    const failed = nextMilestones(
      start,
      [row('a', { state: 'failed', error: { code: 'X', message: 'boom' } }), row('b', { state: 'paused' })],
      totals(0, 10, 100, { paused: 1, failed: 1 }),
    );
    expect(failed.milestones).toEqual([{ type: 'failed', names: ['a'], message: 'boom' }]);
  });
});
