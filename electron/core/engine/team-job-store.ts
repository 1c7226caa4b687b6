import type { JobStatus } from '../../../shared/domain/job-status';
import { AppError } from '../base/app-error';
import type { Logger } from '../log/logger';
import type { TeamQueue } from '../team/team-queue';
import type { JobStore } from './ports';

/**
 * The PostgreSQL side of the storage port, for jobs a worker claimed from the team queue. The engine runs
 * unchanged on the worker's local SQLite working set (its synchronous JobStore); this decorator passes every
 * call through and mirrors each fact the team needs, the moment the engine records it, to the team queue:
 * the grant (media ID, object key), the upload id, every part, a reset or reconciliation of the parts, and
 * how the job ends (done with its history row, failed, or left for others when the file is missing here).
 *
 * Mirrored writes of one job go out in the order the engine made them (one promise chain per job), each
 * fenced by the lease: when the team queue says another worker owns the job (TEAM_LEASE_LOST), nothing more
 * is written for it and `onLost` stops it here. A write the server does not take (connection lost) is tried
 * again with back-off; one that still fails is treated as a lost lease, since the lease will run out.
 */
export interface TeamMirrorHooks {
  /** Another worker owns the job now (or the server stayed unreachable): stop it here, keep its media. */
  onLost(jobId: string, error: unknown): void;
  /** The team queue recorded how the job ended. */
  onSettled(jobId: string, outcome: 'done' | 'failed' | 'left'): void;
}

export interface TeamJobStore {
  readonly store: JobStore;
  /** Resolves when every write made so far for `jobId` (every job when absent) reached the team queue. */
  flush(jobId?: string): Promise<void>;
  /** Starts a job's chain afresh (a job claimed again after it was lost or left). */
  forget(jobId: string): void;
  /** Mirrors nothing more for the job (it is being canceled: the team queue's row is no longer its to write). */
  detach(jobId: string): void;
}

const RETRIES = 5;

export function teamJobStore(
  inner: JobStore,
  team: TeamQueue,
  hooks: TeamMirrorHooks,
  options: { logger?: Logger; retryDelayMs?: number } = {},
): TeamJobStore {
  const chains = new Map<string, Promise<void>>();
  const lost = new Set<string>();
  const retryDelayMs = options.retryDelayMs ?? 200;

  async function withRetry(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        if (error instanceof AppError || attempt >= RETRIES) throw error;
        options.logger?.warn('team queue write failed, trying again', { attempt, error: String(error) });
        await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  function mirror(jobId: string, write: () => Promise<void>, after?: () => void): void {
    const previous = chains.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (lost.has(jobId)) return;
      try {
        await withRetry(write);
        after?.();
      } catch (error) {
        lost.add(jobId);
        options.logger?.warn('team queue refused a write: the job stops here', {
          jobId,
          error: String(error),
        });
        hooks.onLost(jobId, error);
      }
    });
    chains.set(jobId, next);
  }

  function mirrorStatus(jobId: string, status: JobStatus): void {
    if (status.state === 'failed') {
      const message = `${status.error.code}: ${status.error.message}`;
      mirror(
        jobId,
        () => team.fail(jobId, message),
        () => hooks.onSettled(jobId, 'failed'),
      );
    } else if (status.state === 'source-missing') {
      mirror(
        jobId,
        () => team.leaveForOthers(jobId, status.reason),
        () => hooks.onSettled(jobId, 'left'),
      );
    }
  }

  const store: JobStore = {
    ...inner,
    recordGrant(jobId, grant) {
      inner.recordGrant(jobId, grant);
      mirror(jobId, () => team.recordGrant(jobId, { mediaId: grant.mediaId, objectKey: grant.objectKey }));
    },
    recordUploadId(jobId, uploadId, partSize) {
      inner.recordUploadId(jobId, uploadId, partSize);
      mirror(jobId, () => team.recordUploadId(jobId, uploadId, partSize));
    },
    resetUpload(jobId) {
      inner.resetUpload(jobId);
      mirror(jobId, () => team.resetUpload(jobId));
    },
    recordPart(jobId, part) {
      inner.recordPart(jobId, part);
      mirror(jobId, () => team.recordPart(jobId, part));
    },
    replaceParts(jobId, parts) {
      inner.replaceParts(jobId, parts);
      const copy = [...parts];
      mirror(jobId, () => team.replaceParts(jobId, copy));
    },
    setStatus(jobId, status) {
      inner.setStatus(jobId, status);
      mirrorStatus(jobId, status);
    },
    markDone(jobId, details) {
      inner.markDone(jobId, details);
      mirror(
        jobId,
        () => team.complete(jobId, details),
        () => hooks.onSettled(jobId, 'done'),
      );
    },
  };

  return {
    store,
    async flush(jobId) {
      if (jobId !== undefined) {
        await chains.get(jobId);
        return;
      }
      await Promise.all([...chains.values()]);
    },
    forget(jobId) {
      lost.delete(jobId);
      chains.delete(jobId);
    },
    detach(jobId) {
      lost.add(jobId);
    },
  };
}
