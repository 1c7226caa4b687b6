import { dirname, sep } from 'node:path';
import { emptyAddSummary, type AddSummary } from '../../../shared/domain/queue';
import type { UploadEngine } from '../engine/upload-engine';
import type { JobRow } from '../queue/job-row';
import type { QueueStore } from '../queue/queue-store';

/**
 * "Upload again" for jobs that cannot go on as they are (the file changed, a failure Retry cannot fix): the
 * old rows go, and each file is queued anew with everything it was queued with — profile, every metadata
 * field, and its place under the dropped folder — not with whatever the batch options say now.
 */
export async function uploadAgain(
  store: QueueStore,
  engine: UploadEngine,
  ids: readonly string[],
): Promise<AddSummary> {
  const jobs = ids.map((id) => store.jobs.get(id)).filter((job) => job !== undefined);
  const total = emptyAddSummary();
  if (jobs.length === 0) return total;
  await engine.remove(jobs.map((job) => job.id));
  for (const job of jobs) {
    const summary = await engine.enqueue([job.path], {
      ...job.metadata,
      ...(job.profileId !== null ? { profileId: job.profileId } : {}),
      root: droppedRoot(job),
      force: true,
    });
    total.added += summary.added;
    total.bytes += summary.bytes;
    total.skipped.push(...summary.skipped);
    total.duplicates.push(...summary.duplicates);
    total.jobIds.push(...summary.jobIds);
    total.earlier.push(...summary.earlier);
  }
  return total;
}

/** The folder the file was dropped under: its parent minus the relative folder kept for it. */
function droppedRoot(job: JobRow): string {
  const parent = dirname(job.path);
  if (job.relativeDir === '') return parent;
  const suffix = sep + job.relativeDir.split('/').join(sep);
  return parent.endsWith(suffix) ? parent.slice(0, -suffix.length) || sep : parent;
}
