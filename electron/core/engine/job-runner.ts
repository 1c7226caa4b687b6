import { backoffDelay } from '../../../shared/logic/backoff';
import { sleep } from '../oss/token-bucket';
import { abortSuperseded } from './abort-upload';
import { abortReason, EngineAbort, stopIfDraining } from './engine-abort';
import { JobAttempt } from './job-attempt';
import { RestartUploadError, toJobFailure, UploadGoneError } from './job-failure';
import type { JobGrant } from './job-grant';
import type { RunnerContext } from './runner-context';

/** Key changes in a row that one run follows before it fails the job. */
const MAX_MOVES = 10;

/**
 * Runs one job to an end state: done, failed, or source-missing. Throws the abort reason when the signal
 * aborts (pause or cancel: the scheduler records which), leaving the upload id and parts for a resume, and
 * EngineAbort('drain') once `draining` fired and the requests in flight have finished (no new attempt starts).
 * Each pass is one JobAttempt (job-attempt.ts; the multipart steps are in multipart-transfer.ts and
 * part-reconciliation.ts); this loop decides what a failed attempt leads to.
 */
export async function runJob(
  ctx: RunnerContext,
  jobId: string,
  grant: JobGrant,
  signal: AbortSignal,
  draining: AbortSignal,
): Promise<void> {
  let restarts = 0;
  let moves = 0;
  for (let attempt = 1; ; attempt++) {
    stopIfDraining(draining);
    const attemptRun = new JobAttempt(ctx, jobId, grant, signal, draining);
    try {
      await attemptRun.run();
      return;
    } catch (error) {
      ctx.progress.end(jobId);
      await abortSuperseded(ctx, jobId, grant.takeSuperseded());
      if (signal.aborted) throw abortReason(signal);
      if (error instanceof EngineAbort) throw error;
      const job = ctx.store.get(jobId);
      if (job === undefined) return;
      // VOD moved the media to a new object key (or re-created an image): the upload goes on there. Not a
      // failure, so no attempt is counted; the cap only stops a service that moves it on every refresh.
      if (error instanceof RestartUploadError && moves < MAX_MOVES) {
        moves++;
        attempt--;
        ctx.logger.info('the media has a new object key: the upload continues there', {
          jobId,
          objectKey: job.objectKey,
        });
        continue;
      }
      if (error instanceof UploadGoneError && restarts < 5) {
        restarts++;
        attempt--;
        ctx.logger.info('upload restarts', { jobId, reason: error.message });
        attemptRun.setStatus({
          state: 'retrying',
          attempt: restarts,
          lastError: { code: error.name, message: error.message },
        });
        continue;
      }
      const failure = toJobFailure(error, job.path);
      if (failure.sourceMissing) {
        attemptRun.setStatus({ state: 'source-missing', reason: failure.message });
        return;
      }
      if (failure.retryable && attempt < ctx.retry.maxJobAttempts) {
        const delay = backoffDelay(attempt + 2, ctx.retry.backoff);
        ctx.logger.warn('job attempt failed, retrying', { jobId, attempt, code: failure.code, delay });
        attemptRun.setStatus({
          state: 'retrying',
          attempt,
          lastError: failure.toErrorInfo(),
          nextAttemptAt: Date.now() + delay,
        });
        // A drain ends the wait at once: the next attempt would be new work.
        await sleep(delay, AbortSignal.any([signal, draining])).catch(() => undefined);
        if (signal.aborted) throw abortReason(signal);
        continue;
      }
      ctx.logger.warn('job failed', { jobId, code: failure.code, requestId: failure.requestId });
      attemptRun.setStatus({ state: 'failed', error: failure.toErrorInfo() });
      return;
    }
  }
}
