import { dirname, sep } from 'node:path';
import { emptyAddSummary, type AddSummary } from '../../../shared/domain/queue';
import type { UploadEngine } from '../engine/upload-engine';
import type { JobRow } from '../queue/job-row';
import type { QueueStore } from '../queue/queue-store';

/**
 * "Upload again" for jobs that cannot go on as they are (the file or link changed, a failure Retry cannot
 * fix): the old rows go, and each file or link is queued anew with everything it was queued with — profile, every metadata
 * field, and its place under the dropped folder — not with whatever the batch options say now.
 */
export async function uploadAgain(
  store: QueueStore,
  engine: UploadEngine,
  ids: readonly string[],
): Promise<AddSummary> {
  const found = ids.map((id) => store.jobs.get(id)).filter((job) => job !== undefined);
  const total = emptyAddSummary();
  // A link's row path is its masked URL: it is queued again from the full URL on record, in the same mode.
  // Once the full URL is dropped (the job is done) there is nothing to queue it from: the job stays.
  const links = new Map(found.map((job) => [job.id, store.urls.get(job.id)]));
  const jobs = found.filter((job) => {
    const link = links.get(job.id);
    if (link === undefined || link.url !== null) return true;
    total.skipped.push({ path: job.path, reason: 'the link is no longer on record; add it again' });
    return false;
  });
  if (jobs.length === 0) return total;
  await engine.remove(jobs.map((job) => job.id));
  for (const job of jobs) {
    const options = {
      ...job.metadata,
      ...(job.profileId !== null ? { profileId: job.profileId } : {}),
    };
    const link = links.get(job.id);
    const summary =
      link?.url && engine.links
        ? await engine.links.enqueue([link.url], { ...options, urlMode: link.mode })
        : await engine.enqueue([job.path], { ...options, root: droppedRoot(job), force: true });
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
