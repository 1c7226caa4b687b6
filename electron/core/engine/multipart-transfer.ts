import { partRange, planParts, type PartPlan } from '../../../shared/logic/part-plan';
import type { UploadResult } from '../oss/oss-client';
import { combinedCrc } from './combined-crc';
import { contentTypeFor } from './content-type';
import { abortReason, EngineAbort } from './engine-abort';
import { JobFailure, UploadGoneError } from './job-failure';
import { reconcileParts } from './part-reconciliation';
import { partSizeForPath } from './path-part-size';
import { objectAlreadyComplete } from './settle-upload';
import type { StoredPart } from './ports';
import type { UploadAttempt } from './upload-attempt';

/**
 * A multipart upload from wherever it stands: an upload id on record is reconciled with ListParts (or
 * found already complete, or gone and started again); the missing parts are sent under the shared parts cap;
 * Complete is checked against the CRC-64 combined from the parts.
 */
export async function uploadMultipart(attempt: UploadAttempt): Promise<void> {
  const { ctx, job, jobId } = attempt;
  const { store } = ctx;
  let uploadId = job.uploadId;
  let plan: PartPlan = planParts(job.size, job.partSize ?? ctx.settings().partSize);
  let parts = new Map<number, StoredPart>();
  if (uploadId !== null) {
    const reconciled = await reconcileParts(attempt, uploadId, plan);
    if (reconciled === 'done') return;
    if (reconciled === 'gone') {
      store.resetUpload(jobId);
      uploadId = null;
    } else {
      parts = reconciled;
    }
  }
  if (uploadId === null) {
    const key = attempt.target.objectKey;
    // An Initiate applied by OSS whose answer never reached the store would leave its upload open forever
    // (well, 7 days): before starting another on a video's key, VOD drops what is there.
    if (attempt.mayHaveUnrecordedUpload) await attempt.dropUnrecordedUploads();
    let tries = 0;
    uploadId = await attempt.withRetry(async () => {
      if (tries++ > 0) await attempt.dropUnrecordedUploads();
      return attempt.oss().initiateMultipartUpload(key, {
        contentType: contentTypeFor(job.name),
        signal: attempt.signal,
        onRoundTrip: (ms) => ctx.concurrency.onRoundTrip(ms),
      });
    });
    // OSS is not told the part size: it is chosen now, knowing at least this round trip to the bucket.
    const preferred = ctx.settings().partSize;
    plan = planParts(job.size, partSizeForPath(job.size, preferred, ctx.concurrency.path));
    store.recordUploadId(jobId, uploadId, plan.partSize);
    parts = new Map();
  }
  ctx.progress.setConfirmed(jobId, sumSizes(parts));
  const missing: number[] = [];
  for (let n = 1; n <= plan.partCount; n++) if (!parts.has(n)) missing.push(n);
  try {
    await sendParts(attempt, uploadId, plan, missing, parts);
  } catch (error) {
    // Gone under a part (expired, or completed by a Complete whose answer was lost before a crash): where
    // ListParts is refused, only here can that be seen. Settle it, else forget the upload and start over.
    if (!(error instanceof UploadGoneError)) throw error;
    if (await objectAlreadyComplete(attempt, plan)) return;
    store.resetUpload(jobId);
    throw error;
  }
  await complete(attempt, uploadId, plan, parts);
}

async function sendParts(
  attempt: UploadAttempt,
  uploadId: string,
  plan: PartPlan,
  missing: readonly number[],
  parts: Map<number, StoredPart>,
): Promise<void> {
  const { signal, draining } = attempt;
  const local = new AbortController();
  const onAbort = (): void => local.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  // Waiting for a slot also ends on a drain; parts already sending are not aborted by it.
  const waitFor = AbortSignal.any([local.signal, draining]);
  let fatal: unknown;
  let unsent = false;
  const running = new Set<Promise<void>>();
  try {
    for (const partNumber of missing) {
      if (fatal !== undefined || local.signal.aborted) break;
      if (draining.aborted) {
        unsent = true;
        break;
      }
      let release: () => void;
      try {
        release = await attempt.ctx.limiter.acquire(attempt.job.position, waitFor);
      } catch {
        unsent = draining.aborted;
        break;
      }
      attempt.enterUploading();
      const task = sendPart(attempt, uploadId, plan, partNumber, parts, local.signal)
        .catch((error: unknown) => {
          if (fatal === undefined) fatal = error;
          local.abort(error);
        })
        .finally(() => {
          release();
          running.delete(task);
        });
      running.add(task);
      // A link read as one stream (its origin ignores Range) takes its parts one after the other.
      if (attempt.source.sequential) await task;
    }
    await Promise.all(running);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw abortReason(signal);
  if (fatal !== undefined) throw fatal;
  // Every part that was sending is on record now; the rest wait for the next run.
  if (unsent) throw new EngineAbort('drain');
}

async function sendPart(
  attempt: UploadAttempt,
  uploadId: string,
  plan: PartPlan,
  partNumber: number,
  parts: Map<number, StoredPart>,
  signal: AbortSignal,
): Promise<void> {
  const { ctx, jobId } = attempt;
  const range = partRange(plan, partNumber);
  if (signal.aborted) throw abortReason(signal);
  const key = attempt.target.objectKey;
  const sent = await attempt.sendRange(range, (body, onProgress) =>
    attempt.oss().uploadPart(key, uploadId, partNumber, body, {
      signal,
      onProgress,
      // From the last byte handed to the socket to the answer: the round trip plus what the buffers still
      // held. Only its minimum is kept, which tends to the round trip.
      onRoundTrip: (ms) => ctx.concurrency.onRoundTrip(ms),
    }),
  );
  const part: StoredPart = { ...range, etag: sent.result.etag, crc64: sent.crc64 };
  ctx.store.recordPart(jobId, part);
  parts.set(partNumber, part);
  ctx.progress.confirmPart(jobId, range.size, 0);
  attempt.noteProgress();
}

async function complete(
  attempt: UploadAttempt,
  uploadId: string,
  plan: PartPlan,
  parts: Map<number, StoredPart>,
): Promise<void> {
  const { job } = attempt;
  attempt.enterVerifying();
  const ordered = [...parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  if (ordered.length !== plan.partCount) {
    throw new JobFailure('PartsMissing', `Only ${ordered.length} of ${plan.partCount} parts are uploaded.`, {
      retryable: true,
    });
  }
  // A source modified between its first and last part would upload a mix of versions: refuse it.
  await attempt.source.checkUnchanged(job);
  const expected = combinedCrc(ordered);
  const key = attempt.target.objectKey;
  let result: UploadResult;
  try {
    result = await attempt.withRetry(() =>
      attempt.oss().completeMultipartUpload(key, uploadId, ordered, { signal: attempt.signal }),
    );
  } catch (error) {
    if (!(error instanceof UploadGoneError)) throw error;
    if (await objectAlreadyComplete(attempt, plan)) return;
    attempt.ctx.store.resetUpload(attempt.jobId);
    throw error;
  }
  if (result.crc64 !== undefined && result.crc64 !== expected) {
    attempt.ctx.store.resetUpload(attempt.jobId);
    throw new JobFailure(
      'ObjectCrcMismatch',
      `The uploaded object's CRC-64 (${result.crc64}) does not match the file's (${expected}). Retry to upload it again.`,
      { requestId: result.requestId },
    );
  }
  // Without a CRC-64 in the answer the object is still checked: OSS assembled exactly the listed parts (it
  // checks each ETag), and each of those was checked when it was acknowledged (CRC-64, or MD5 vs ETag).
  attempt.finish(result.crc64 ?? expected);
}

function sumSizes(parts: ReadonlyMap<number, StoredPart>): number {
  let total = 0;
  for (const part of parts.values()) total += part.size;
  return total;
}
