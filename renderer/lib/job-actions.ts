import type { JobState } from '../../shared/domain/job-status';

/** Which row actions make sense in which state (buttons, shortcuts and bulk selection all use this). */
const PAUSABLE: readonly JobState[] = ['queued', 'preparing', 'uploading', 'retrying', 'verifying'];
const RESUMABLE: readonly JobState[] = ['paused'];
const RETRYABLE: readonly JobState[] = ['failed', 'canceled', 'source-missing'];
const CANCELABLE: readonly JobState[] = [...PAUSABLE, 'paused'];
const MOVABLE: readonly JobState[] = ['queued', 'paused'];

export const canPause = (state: JobState) => PAUSABLE.includes(state);
export const canResume = (state: JobState) => RESUMABLE.includes(state);
export const canRetry = (state: JobState) => RETRYABLE.includes(state);
export const canCancel = (state: JobState) => CANCELABLE.includes(state);
export const canMoveToTop = (state: JobState) => MOVABLE.includes(state);
