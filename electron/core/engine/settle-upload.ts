import { backoffDelay } from '../../../shared/logic/backoff';
import type { PartPlan } from '../../../shared/logic/part-plan';
import { sleep } from '../oss/token-bucket';
import { combinedCrc } from './combined-crc';
import { isPolicyRefusal } from './job-failure';
import type { MediaUploadState } from './ports';
import type { UploadAttempt } from './upload-attempt';

/** VOD may take a moment to see a completed object: ask again this many times while it says Uploading. */
const VOD_ASKS = 3;

/**
 * NoSuchUpload: the upload id is gone, and the object may already be whole (a Complete whose answer was
 * lost, or a crash between Complete and the write of done). Settled, in order:
 * 1. HeadObject, where the upload policy allows it: the object's size and CRC-64 against the file's (once
 *    refused for the bucket, it is not asked again: ctx.refusedReads);
 * 2. else VOD (GetVideoInfo): the video is past Uploading and its size is the file's; the CRC-64 on record
 *    is the one combined from the parts, each checked when OSS acknowledged it, and only a Complete of
 *    exactly those parts (OSS checks every ETag) can have ended the upload.
 * Never done without one of these: when neither can say, the upload starts again (false).
 */
export async function objectAlreadyComplete(attempt: UploadAttempt, plan: PartPlan): Promise<boolean> {
  const parts = attempt.ctx.store.listParts(attempt.jobId);
  // Only a Complete of every part on record can be ours; without them nothing could prove the object is.
  if (parts.length !== plan.partCount) return false;
  const expected = combinedCrc(parts);
  const { target, ctx } = attempt;
  if (ctx.refusedReads.has(target, 'HeadObject')) return settleWithVod(attempt, expected);
  let head;
  try {
    head = await attempt.withRetry(() =>
      attempt.oss().headObject(target.objectKey, { signal: attempt.signal }),
    );
  } catch (error) {
    if (!isPolicyRefusal(error)) throw error;
    ctx.refusedReads.note(target, 'HeadObject');
    return settleWithVod(attempt, expected);
  }
  if (head === null || head.size !== attempt.job.size) return false;
  if (head.crc64 !== undefined && head.crc64 !== expected) return false;
  settled(attempt, 'HeadObject', expected);
  return true;
}

async function settleWithVod(attempt: UploadAttempt, expected: string): Promise<boolean> {
  const { ctx, jobId } = attempt;
  const probe = ctx.mediaStatus;
  if (probe === undefined) {
    ctx.logger.info('cannot settle the upload without HeadObject or VOD: starting it again', { jobId });
    return false;
  }
  let answer: MediaUploadState = { state: 'uploading' };
  for (let ask = 1; ask <= VOD_ASKS; ask++) {
    answer = await probe.uploadState(attempt.job);
    if (answer.state !== 'uploading' || ask === VOD_ASKS) break;
    await sleep(backoffDelay(ask + 1, ctx.retry.backoff), attempt.signal);
  }
  if (answer.state === 'uploaded' && (answer.size === undefined || answer.size === attempt.job.size)) {
    settled(attempt, 'VOD', expected);
    return true;
  }
  ctx.logger.info('VOD does not have the object: starting the upload again', {
    jobId,
    vod: answer.state,
    ...(answer.state === 'uploaded' ? { vodSize: answer.size, size: attempt.job.size } : {}),
    ...(answer.state === 'unknown' ? { reason: answer.reason } : {}),
  });
  return false;
}

function settled(attempt: UploadAttempt, by: 'HeadObject' | 'VOD', crc64: string): void {
  attempt.ctx.logger.info('upload found already complete', { jobId: attempt.jobId, by });
  attempt.enterVerifying();
  attempt.finish(crc64);
}
