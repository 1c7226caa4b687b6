import { JOB_STATES, type JobState } from './job-status';

/**
 * Who moves a job along an edge: the engine on its own (`engine`), or one of a person's intents. The
 * intents' labels are what `allowedActions` (job-actions.ts) offers, so the menus, the shortcuts, the engine
 * and the CLI read the same table.
 */
export type TransitionCause = 'engine' | 'pause' | 'resume' | 'retry' | 'cancel' | 'remove';

type Edges = Readonly<Partial<Record<JobState, TransitionCause>>>;

/**
 * Every allowed job status transition, as one table, each edge labelled with what causes it. A pair that is
 * not listed is refused by the queue's `setStatus`. The rules behind it:
 * - the engine walks a job queued → preparing → uploading → verifying → done; `done` is reached only through
 *   `verifying` (the whole-object CRC check), and `done` and `canceled` are final;
 * - any active state (preparing, uploading, retrying, verifying) may fall back to `queued` (the engine gives
 *   up its slot, or recovery after a crash) or to `paused` (pause, or recovery with auto-resume off);
 * - `retrying` may repeat itself (a new attempt), and returns to the step that failed;
 * - a `failed` or `source-missing` job goes back to `queued` on retry (its uploaded parts are kept); removing
 *   one cancels it first, so its multipart upload is aborted rather than left on OSS;
 * - resuming a paused job puts it back in the queue; the engine picks it up from there.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, Edges>> = {
  queued: { preparing: 'engine', paused: 'pause', canceled: 'cancel', 'source-missing': 'engine' },
  preparing: {
    uploading: 'engine',
    verifying: 'engine',
    retrying: 'engine',
    queued: 'engine',
    paused: 'pause',
    failed: 'engine',
    canceled: 'cancel',
    'source-missing': 'engine',
  },
  uploading: {
    verifying: 'engine',
    retrying: 'engine',
    queued: 'engine',
    paused: 'pause',
    failed: 'engine',
    canceled: 'cancel',
    'source-missing': 'engine',
  },
  retrying: {
    retrying: 'engine',
    preparing: 'engine',
    uploading: 'engine',
    verifying: 'engine',
    queued: 'engine',
    paused: 'pause',
    failed: 'engine',
    canceled: 'cancel',
    'source-missing': 'engine',
  },
  verifying: {
    done: 'engine',
    retrying: 'engine',
    queued: 'engine',
    paused: 'pause',
    failed: 'engine',
    canceled: 'cancel',
  },
  paused: { queued: 'resume', canceled: 'cancel', 'source-missing': 'engine' },
  failed: { queued: 'retry', canceled: 'remove' },
  'source-missing': { queued: 'retry', canceled: 'remove' },
  done: {},
  canceled: {},
};

export function canTransition(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from][to] !== undefined;
}

/** The states a job may move to from `from`, in the order of JOB_STATES. */
export function nextStates(from: JobState): readonly JobState[] {
  return JOB_STATES.filter((to) => canTransition(from, to));
}

/** The causes of the edges leaving `from` (each once). */
export function causesFrom(from: JobState): ReadonlySet<TransitionCause> {
  return new Set(Object.values(JOB_TRANSITIONS[from]));
}

/** `done` and `canceled`: no edge leaves them. */
export function isFinal(state: JobState): boolean {
  return nextStates(state).length === 0;
}

/** The engine will not move the job on its own any more: only a person's intent (retry, remove) can. */
export function isSettled(state: JobState): boolean {
  return !causesFrom(state).has('engine');
}

/** Every state for which `test` holds, in the order of JOB_STATES (for queries by state). */
export function statesWhere(test: (state: JobState) => boolean): JobState[] {
  return JOB_STATES.filter(test);
}
