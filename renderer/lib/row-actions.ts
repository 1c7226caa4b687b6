import { isAllowed } from '../../shared/domain/job-actions';
import type { JobView } from '../../shared/domain/queue';

/**
 * Failures a retry cannot fix: the same job would fail the same way. SourceChanged: the file was modified
 * while it uploaded, so its parts on OSS belong to another version; only a new upload of the file as it is
 * now can succeed ("Upload again").
 */
const NOT_RETRYABLE = new Set(['SourceChanged']);

export type PrimaryAction = 'pause' | 'resume' | 'retry' | 'upload-again';

/** True when Retry is offered: the transition table allows it and the failure is one a retry can fix. */
export function canRetry(job: JobView): boolean {
  if (!isAllowed(job.status.state, 'retry')) return false;
  return !(job.status.state === 'failed' && NOT_RETRYABLE.has(job.status.error.code));
}

/** The row's main action, always in the same place: what the job's state makes most useful. */
export function primaryAction(job: JobView): PrimaryAction | null {
  const state = job.status.state;
  if (isAllowed(state, 'pause')) return 'pause';
  if (isAllowed(state, 'resume')) return 'resume';
  if (canRetry(job)) return 'retry';
  if (state === 'failed') return 'upload-again';
  return null;
}

/** The row's second slot: stop an unfinished job (asks first), or take a finished one off the list. */
export function stopAction(job: JobView): 'cancel' | 'remove' | null {
  if (isAllowed(job.status.state, 'cancel')) return 'cancel';
  if (isAllowed(job.status.state, 'remove')) return 'remove';
  return null;
}
