import type { UploadGrant } from '../vod/credential-types';
import type { JobGrant, SupersededUpload } from './job-grant';
import type { EngineJob } from './ports';
import type { RunnerContext } from './runner-context';

const ABORT_TIMEOUT_MS = 10_000;

/**
 * A canceled job's multipart upload is aborted on OSS (its parts are deleted there) and forgotten here. A
 * grant is needed to sign the request; one that now points at another object (an image re-created after
 * its credential expired) has nothing of ours to abort. An image or attached media without a live grant
 * cannot get one without being re-created, so it is left to the delete of its media (which drops its parts).
 */
export async function abortUpload(ctx: RunnerContext, jobId: string, grant: JobGrant): Promise<void> {
  const job = ctx.store.get(jobId);
  if (job === undefined || job.uploadId === null || job.objectKey === null) return;
  const live = grant.grant !== undefined && !grant.needsRefresh() ? grant.grant : undefined;
  if (live === undefined && job.kind !== 'video') return;
  const current = live ?? (await grant.refresh('resume'));
  if (current.target.objectKey !== job.objectKey) return;
  const client = ctx.clientFor(current.target, () => grant.grant ?? current);
  await client.abortMultipartUpload(job.objectKey, job.uploadId, {
    signal: AbortSignal.timeout(ABORT_TIMEOUT_MS),
  });
  ctx.store.resetUpload(jobId);
}

/**
 * The multipart uploads a key change left behind are aborted with the old key's grant (still valid until it
 * expires). Without one (the key changed on the first grant after a restart) there is no credential for the
 * old key: VOD's cleanup removes those parts after 7 days, and the log says so.
 */
export async function abortSuperseded(
  ctx: RunnerContext,
  jobId: string,
  uploads: readonly SupersededUpload[],
): Promise<void> {
  for (const upload of uploads) {
    const grant = upload.grant;
    if (grant === undefined) {
      ctx.logger.warn('no credential for the old object key: its parts are left to VOD cleanup', {
        jobId,
        uploadId: upload.uploadId,
      });
      continue;
    }
    try {
      const client = ctx.clientFor(grant.target, () => grant);
      await client.abortMultipartUpload(upload.objectKey, upload.uploadId, {
        signal: AbortSignal.timeout(ABORT_TIMEOUT_MS),
      });
      ctx.logger.info('aborted the upload on the old object key', { jobId, uploadId: upload.uploadId });
    } catch (error) {
      ctx.logger.warn('abort of the upload on the old object key failed', {
        jobId,
        uploadId: upload.uploadId,
        error: String(error),
      });
    }
  }
}

/**
 * The multipart upload of a media about to be re-created, aborted with the credential it still has (an
 * image's or attached media's upload credential is scoped to its own object key).
 */
export async function abandonUpload(ctx: RunnerContext, job: EngineJob, grant: UploadGrant): Promise<void> {
  if (job.uploadId === null || job.objectKey === null || grant.target.objectKey !== job.objectKey) return;
  const client = ctx.clientFor(grant.target, () => grant);
  await client.abortMultipartUpload(job.objectKey, job.uploadId, {
    signal: AbortSignal.timeout(ABORT_TIMEOUT_MS),
  });
}
