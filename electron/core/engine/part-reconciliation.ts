import { partRange, type PartPlan } from '../../../shared/logic/part-plan';
import type { RangeHashes } from './job-source';
import { bareEtag, isPolicyRefusal, UploadGoneError } from './job-failure';
import type { StoredPart } from './ports';
import { objectAlreadyComplete } from './settle-upload';
import type { UploadAttempt } from './upload-attempt';

function md5Hex(read: RangeHashes): string | undefined {
  return read.md5Base64 === undefined
    ? undefined
    : Buffer.from(read.md5Base64, 'base64').toString('hex').toUpperCase();
}

/**
 * The parts on record that fit the plan: each was acknowledged by OSS and checked (CRC-64, or MD5 against its
 * ETag) before it was written, so it is as good as a listed one. Parts in flight at a crash are not on
 * record and are sent again; nothing else is.
 */
function recordedParts(attempt: UploadAttempt, plan: PartPlan): Map<number, StoredPart> {
  const kept = new Map<number, StoredPart>();
  for (const part of attempt.ctx.store.listParts(attempt.jobId)) {
    if (part.partNumber > plan.partCount) continue;
    const range = partRange(plan, part.partNumber);
    if (part.size === range.size && part.offset === range.offset) kept.set(part.partNumber, part);
  }
  return kept;
}

/** The narrow policy's resume: the record alone decides (ListParts refused now, or for an earlier job). */
function fromRecord(attempt: UploadAttempt, plan: PartPlan, listParts: string): Map<number, StoredPart> {
  const kept = recordedParts(attempt, plan);
  attempt.ctx.logger.info('ListParts refused by the upload policy: resuming from the parts on record', {
    jobId: attempt.jobId,
    kept: kept.size,
    listParts,
  });
  return kept;
}

/**
 * ListParts (every page) against the parts on record: the server is the source of truth when it may be
 * asked. Where the credential may not list (the narrow policy: 403 AccessDenied, remembered per bucket for
 * the engine's lifetime) the record alone decides.
 * A listed part
 * that matches the record is kept; one the record never saw (the process died between the PUT's answer
 * and the write) is adopted after reading it locally and matching its MD5 with the ETag, which also gives
 * its CRC; anything else is re-sent. 'done' when the upload is gone because the object is already whole;
 * 'gone' when it is gone and the object is not there.
 */
export async function reconcileParts(
  attempt: UploadAttempt,
  uploadId: string,
  plan: PartPlan,
): Promise<Map<number, StoredPart> | 'done' | 'gone'> {
  const { ctx, jobId, signal } = attempt;
  const { target } = attempt;
  if (ctx.refusedReads.has(target, 'ListParts')) return fromRecord(attempt, plan, 'refused before');
  let listed;
  try {
    listed = await attempt.withRetry(() => attempt.oss().listParts(target.objectKey, uploadId, { signal }));
  } catch (error) {
    if (isPolicyRefusal(error)) {
      ctx.refusedReads.note(target, 'ListParts');
      return fromRecord(attempt, plan, 'refused');
    }
    if (!(error instanceof UploadGoneError)) throw error;
    return (await objectAlreadyComplete(attempt, plan)) ? 'done' : 'gone';
  }
  const recorded = new Map(ctx.store.listParts(jobId).map((p) => [p.partNumber, p]));
  const kept = new Map<number, StoredPart>();
  for (const part of listed) {
    if (part.partNumber > plan.partCount) continue;
    const range = partRange(plan, part.partNumber);
    if (part.size !== range.size) continue;
    const known = recorded.get(part.partNumber);
    if (known !== undefined && bareEtag(known.etag) === bareEtag(part.etag)) {
      kept.set(part.partNumber, known);
      continue;
    }
    const release = await ctx.limiter.acquire(attempt.job.position, signal);
    try {
      // A part on OSS the database never saw: its ETag is its MD5, so one read proves it is ours.
      const read = await attempt.read(range, { md5: true });
      if (md5Hex(read) === bareEtag(part.etag)) {
        kept.set(part.partNumber, { ...range, etag: part.etag, crc64: read.crc64 });
      }
    } finally {
      release();
    }
  }
  ctx.store.replaceParts(
    jobId,
    [...kept.values()].sort((a, b) => a.partNumber - b.partNumber),
  );
  ctx.logger.info('reconciled with ListParts', {
    jobId,
    listed: listed.length,
    recorded: recorded.size,
    kept: kept.size,
  });
  return kept;
}
