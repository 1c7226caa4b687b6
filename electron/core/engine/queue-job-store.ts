import type { QueueStore } from '../queue/queue-store';
import type { JobStore } from './ports';

export interface QueueJobStoreOptions {
  /**
   * A profile's name now: history rows keep the name as it was at upload time (a profile may be renamed or
   * deleted later).
   */
  readonly profileName?: (profileId: string) => string | null;
}

/** The engine's JobStore over the queue's SQLite repositories (one open database per engine). */
export function queueJobStore(queue: QueueStore, options: QueueJobStoreOptions = {}): JobStore {
  const { jobs, parts } = queue;
  return {
    get: (jobId) => jobs.get(jobId),
    listRunnable: (limit, among) => jobs.listRunnable(limit, among),
    listByState: (states) => jobs.listByState(states),
    insert: (list) => jobs.insertMany(list),
    remove: (jobIds) => jobs.remove(jobIds),
    reorder: (jobIds, where) => jobs.reorder(jobIds, where),
    clearFinished: () => {
      jobs.clearFinished();
    },
    recordGrant: (jobId, grant) => jobs.recordGrant(jobId, grant),
    recordUploadId: (jobId, uploadId, partSize) => jobs.recordUploadId(jobId, uploadId, partSize),
    resetUpload: (jobId) => jobs.resetUpload(jobId),
    recordFingerprint: (jobId, fingerprint) => jobs.recordFingerprint(jobId, fingerprint),
    setStatus: (jobId, status) => {
      jobs.setStatus(jobId, status);
    },
    markDone: (jobId, details) => {
      const profileId = jobs.get(jobId)?.profileId ?? null;
      const profileName = profileId !== null ? (options.profileName?.(profileId) ?? null) : null;
      jobs.markDone(jobId, { ...details, profileName });
    },
    recoverInterrupted: (autoResume) => jobs.recoverInterruptedJobs({ autoResume }),
    listParts: (jobId) => parts.list(jobId),
    recordPart: (jobId, part) => parts.recordPart(jobId, part),
    replaceParts: (jobId, list) => parts.replaceAll(jobId, list),
    views: (jobIds) => (jobIds === 'all' ? queue.views.all() : queue.views.byIds(jobIds)),
    totals: () => jobs.totals(),
    remainingBytes: () => jobs.remainingBytes(),
  };
}
