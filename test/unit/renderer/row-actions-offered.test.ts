import { describe, expect, it } from 'vitest';
import { canRetry, primaryAction, stopAction } from '../../../renderer/lib/row-actions';
import { allowedActions } from '../../../shared/domain/job-actions';
import { JOB_STATES, type JobState, type JobStatus } from '../../../shared/domain/job-status';
import type { JobView } from '../../../shared/domain/queue';

/** Every status a row can show: each state, and a failure of each kind the row treats differently. */
function statusesOf(state: JobState): JobStatus[] {
  switch (state) {
    case 'retrying':
      return [{ state, attempt: 2, lastError: { code: 'RequestTimeout', message: 'm' } }];
    case 'failed':
      return ['RequestTimeout', 'SourceChanged', 'Forbidden.RAM'].map((code) => ({
        state,
        error: { code, message: 'm' },
      }));
    case 'source-missing':
      return [{ state, reason: 'gone' }];
    case 'done':
      return [{ state, mediaId: 'm-1' }];
    default:
      return [{ state } as JobStatus];
  }
}

function row(status: JobStatus): JobView {
  return {
    id: 'j',
    path: '/m/j.mp4',
    name: 'j.mp4',
    relativeDir: '',
    kind: 'video',
    size: 100,
    bytesDone: 0,
    speed: 0,
    etaSeconds: null,
    status,
    mediaId: null,
    profileId: null,
    title: 'j',
    position: 1,
    addedAt: 1,
    retryCount: 0,
    lastError: null,
  };
}

/**
 * The row's buttons (renderer/lib/row-actions.ts) offer only what allowedActions allows for the state, so
 * what test/integration/app/offered-actions.test.ts proves for allowedActions (the engine carries out every
 * offered action) holds for what a person can click. "Upload again" is remove + add, so it needs remove.
 */
describe('what a queue row offers, for every state', () => {
  const statuses = JOB_STATES.flatMap(statusesOf);

  it.each(statuses.map((status) => [status.state, status]))(
    '%s: only actions the state allows',
    (_, status) => {
      const job = row(status);
      const allowed = allowedActions(status.state);
      const primary = primaryAction(job);
      if (primary === 'upload-again') expect(allowed).toContain('remove');
      else if (primary !== null) expect(allowed).toContain(primary);
      const stop = stopAction(job);
      if (stop !== null) expect(allowed).toContain(stop);
      if (canRetry(job)) expect(allowed).toContain('retry');
    },
  );

  it('never offers Retry for a canceled job', () => {
    const canceled = row({ state: 'canceled' });
    expect(canRetry(canceled)).toBe(false);
    expect(primaryAction(canceled)).not.toBe('retry');
  });
});
