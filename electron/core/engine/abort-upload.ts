import type { JobGrant } from './job-grant';
import type { RunnerContext } from './runner-context';

const ABORT_TIMEOUT_MS = 10_000;

/**
 * A canceled job's multipart upload is aborted on OSS (its parts are deleted there) and forgotten here. A
 * grant is needed to sign the request; one that now points at another object (an image re-created after
 * its credential expired) has nothing of ours to abort.
 */
export async function abortUpload(ctx: RunnerContext, jobId: string, grant: JobGrant): Promise<void> {
  const job = ctx.store.get(jobId);
  if (job === undefined || job.uploadId === null || job.objectKey === null) return;
  const current =
    grant.grant !== undefined && !grant.needsRefresh() ? grant.grant : await grant.refresh('resume');
  if (current.target.objectKey !== job.objectKey) return;
  const client = ctx.clientFor(current.target, () => grant.grant ?? current);
  await client.abortMultipartUpload(job.objectKey, job.uploadId, {
    signal: AbortSignal.timeout(ABORT_TIMEOUT_MS),
  });
  ctx.store.resetUpload(jobId);
}
