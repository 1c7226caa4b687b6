import { toJobView } from '../queue/job-row';
import type { QueueStore } from '../queue/queue-store';
import type { JobStore } from './ports';

/** The engine's JobStore over the queue's SQLite repositories (one open database per engine). */
export function queueJobStore(queue: QueueStore): JobStore {
  const { jobs, parts } = queue;
  return {
    get: (jobId) => jobs.get(jobId),
    listRunnable: (limit) => jobs.listRunnable(limit),
    recordGrant: (jobId, grant) => jobs.recordGrant(jobId, grant),
    recordUploadId: (jobId, uploadId, partSize) => jobs.recordUploadId(jobId, uploadId, partSize),
    resetUpload: (jobId) => jobs.resetUpload(jobId),
    recordFingerprint: (jobId, fingerprint) => jobs.recordFingerprint(jobId, fingerprint),
    setStatus: (jobId, status) => {
      jobs.setStatus(jobId, status);
    },
    markDone: (jobId, details) => {
      jobs.markDone(jobId, details);
    },
    listParts: (jobId) => parts.list(jobId),
    recordPart: (jobId, part) => parts.recordPart(jobId, part),
    replaceParts: (jobId, list) => parts.replaceAll(jobId, list),
    views: (jobIds) => {
      if (jobIds === 'all') return jobs.list().map(toJobView);
      const out = [];
      for (const id of jobIds) {
        const row = jobs.get(id);
        if (row !== undefined) out.push(toJobView(row));
      }
      return out;
    },
    totals: () => jobs.totals(),
    remainingBytes: () => jobs.remainingBytes(),
  };
}
