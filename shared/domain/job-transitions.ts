import type { JobState } from './job-status';

/**
 * Every allowed job status transition, as one table. A pair that is not listed is refused by the queue's
 * `setStatus`. The rules behind it:
 * - the engine walks a job queued → preparing → uploading → verifying → done; `done` is reached only through
 *   `verifying` (the whole-object CRC check), and `done` and `canceled` are final;
 * - any active state (preparing, uploading, retrying, verifying) may fall back to `queued` (the engine gives
 *   up its slot, or recovery after a crash) or to `paused` (pause, or recovery with auto-resume off);
 * - `retrying` may repeat itself (a new attempt), and returns to the step that failed;
 * - a `failed` or `source-missing` job goes back to `queued` on retry (its uploaded parts are kept);
 * - resuming a paused job puts it back in the queue; the engine picks it up from there.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  queued: ['preparing', 'paused', 'canceled', 'source-missing'],
  preparing: [
    'uploading',
    'verifying',
    'retrying',
    'queued',
    'paused',
    'failed',
    'canceled',
    'source-missing',
  ],
  uploading: ['verifying', 'retrying', 'queued', 'paused', 'failed', 'canceled', 'source-missing'],
  retrying: [
    'retrying',
    'preparing',
    'uploading',
    'verifying',
    'queued',
    'paused',
    'failed',
    'canceled',
    'source-missing',
  ],
  verifying: ['done', 'retrying', 'queued', 'paused', 'failed', 'canceled'],
  paused: ['queued', 'canceled', 'source-missing'],
  failed: ['queued', 'canceled'],
  'source-missing': ['queued', 'canceled'],
  done: [],
  canceled: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** The states a job may move to from `from` (for menus: which actions to offer). */
export function nextStates(from: JobState): readonly JobState[] {
  return JOB_TRANSITIONS[from];
}
