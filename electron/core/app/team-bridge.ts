import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { classifyFile } from '../../../shared/logic/classify-file';
import type { Logger } from '../log/logger';
import type { QueueStore } from '../queue/queue-store';
import { describeFsError } from '../scan/fs-errors';
import { checkSource } from '../scan/source-check';
import type { TeamJobStore } from '../engine/team-job-store';
import type { UploadEngine } from '../engine/upload-engine';
import { mapPath, type PathMapRule } from '../team/path-map';
import type { ClaimFilter, TeamJob, TeamPart, TeamQueue, TeamWorker } from '../team/team-queue';

/**
 * A worker's team bridge (docs/team.md): the engine runs unchanged on the worker's local SQLite working set;
 * the bridge claims jobs from the team queue when the engine has room, seeds the local queue with each one
 * (its media ID, upload id and recorded parts, so a job another worker started goes on where it stood),
 * renews the leases by heartbeat, stops a job here whose lease was lost, and on shutdown gives back every
 * claim not finished. What the engine records is mirrored to the team queue by the JobStore decorator
 * (engine/team-job-store.ts). A file this worker cannot see (after its path mapping) is left for the others.
 */
export interface TeamBridgeSetup {
  readonly queue: TeamQueue;
  readonly worker: TeamWorker;
  /** LISTEN for new work (else polling alone finds it). */
  readonly listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
  readonly pathMap?: readonly PathMapRule[];
  /** How long a claim lasts without a heartbeat (default 30 s); renewed every third of it. */
  readonly leaseMs?: number;
  /** Polling for work no notification announces (leases run out): from `min`, doubling to `max`. */
  readonly pollMs?: { readonly min: number; readonly max: number };
}

export type TeamReport =
  | { readonly type: 'claimed'; readonly jobId: string; readonly path: string; readonly resumedParts: number }
  | { readonly type: 'left'; readonly jobId: string; readonly path: string; readonly reason: string }
  | { readonly type: 'lost'; readonly jobId: string; readonly path: string; readonly reason: string }
  | {
      readonly type: 'done' | 'failed';
      readonly jobId: string;
      readonly path: string;
      readonly mediaId: string | null;
    }
  | { readonly type: 'released'; readonly count: number }
  /** A canceled job's upload and media were removed here (`mediaId`: the media deleted in VOD). */
  | {
      readonly type: 'canceled';
      readonly jobId: string;
      readonly path: string;
      readonly mediaId: string | null;
    };

export interface TeamWork extends ClaimFilter {
  /** The profile this worker signs with (null: the host's fallback credentials). */
  readonly profileId: string | null;
}

/** What a host (the CLI's worker) does with the bridge. */
export interface TeamWorkerControl {
  readonly workerId: string;
  /** Starts claiming (the engine must be started too). Unfinished local jobs of an earlier run are dropped. */
  start(work: TeamWork): Promise<void>;
  onReport(listener: (report: TeamReport) => void): () => void;
  /** Jobs claimed and not settled yet. */
  held(): string[];
  /** Claims nothing more (a drain begins): what is held stays held until the services shut down. */
  stopClaiming(): Promise<void>;
}

export interface TeamBridge {
  readonly control: TeamWorkerControl;
  lost(jobId: string, error: unknown): void;
  settled(jobId: string, outcome: 'done' | 'failed' | 'left'): void;
  /** No more claims (shutdown begins). */
  stopClaiming(): Promise<void>;
  /** After the engine stopped: every write mirrored, every unfinished claim given back. */
  releaseAll(): Promise<void>;
}

const ACTIVE_OR_WAITING = ['queued', 'paused', 'preparing', 'uploading', 'retrying', 'verifying'] as const;

export function createTeamBridge(
  setup: TeamBridgeSetup,
  deps: { store: QueueStore; engine: UploadEngine; mirror: TeamJobStore; logger: Logger },
): TeamBridge {
  const { queue, worker } = setup;
  const { store, engine, mirror, logger } = deps;
  const leaseMs = setup.leaseMs ?? 30_000;
  const poll = setup.pollMs ?? { min: 250, max: 2_000 };
  const held = new Map<string, string>();
  const listeners = new Set<(report: TeamReport) => void>();
  let work: TeamWork | undefined;
  let stopped = false;
  let ticking = false;
  let again = false;
  let backoff = poll.min;
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;

  const report = (r: TeamReport) => {
    for (const listener of listeners) listener(r);
  };

  function schedule(ms: number): void {
    if (stopped || work === undefined) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void tick();
    }, ms);
  }

  function room(): number {
    // Claimed jobs waiting locally start the moment a slot frees; more than that would hold work others could do.
    return 2 * engine.settings.filesAtOnce - held.size;
  }

  async function tick(): Promise<void> {
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let claimed = 0;
    let wanted = 0;
    try {
      wanted = room();
      if (wanted > 0 && work !== undefined && !stopped) {
        const jobs = await queue.claim(wanted, work);
        claimed = jobs.length;
        for (const job of jobs) await seed(job);
        if (claimed > 0) engine.poke();
      }
    } catch (error) {
      logger.warn('claiming from the team queue failed', { error: String(error) });
    } finally {
      ticking = false;
    }
    if (again || (claimed > 0 && claimed === wanted)) {
      again = false;
      backoff = poll.min;
      schedule(0);
    } else {
      schedule(backoff);
      backoff = Math.min(poll.max, backoff * 2);
    }
  }

  async function seed(job: TeamJob): Promise<void> {
    const path = mapPath(job.path, setup.pathMap ?? []);
    // A canceled job's cleanup needs no file: only its media and upload, which this worker's place can reach.
    if (job.state === 'canceling') {
      seedLocal(job, path, job.uploadId !== null ? await queue.parts(job.id) : [], job.mtimeMs);
      await cleanUp(job.id, path);
      return;
    }
    const unseen = await cannotSee(path, job);
    if (unseen !== undefined) {
      const reason = `${worker.id} cannot use ${path}: ${unseen}`;
      await queue.leaveForOthers(job.id, reason).catch((error: unknown) => {
        logger.warn('could not leave a job to the others', { jobId: job.id, error: String(error) });
      });
      report({ type: 'left', jobId: job.id, path, reason });
      return;
    }
    const parts = job.uploadId !== null ? await queue.parts(job.id) : [];
    seedLocal(job, path, parts, (await stat(path)).mtimeMs);
    held.set(job.id, path);
    report({ type: 'claimed', jobId: job.id, path, resumedParts: parts.length });
  }

  /** The job in the local working set as the team queue has it: its media, upload id and parts. */
  function seedLocal(job: TeamJob, path: string, parts: readonly TeamPart[], mtimeMs: number): void {
    const classified = classifyFile(job.name, job.metadata.attachedAs);
    if (store.jobs.get(job.id) !== undefined) store.jobs.remove([job.id]);
    mirror.forget(job.id);
    store.jobs.insertMany([
      {
        id: job.id,
        path,
        root: dirname(path),
        relativeDir: '',
        name: job.name,
        kind: job.kind,
        businessType: classified.kind === 'attached' ? classified.businessType : null,
        size: job.size,
        mtimeMs,
        profileId: work?.profileId ?? null,
        title: job.title,
        metadata: job.metadata,
        fingerprint: job.fingerprint,
        destination: null,
      },
    ]);
    // Straight into the local store (not through the mirror): these facts came from the team queue.
    if (job.mediaId !== null && job.objectKey !== null) {
      store.jobs.recordGrant(job.id, {
        mediaId: job.mediaId,
        objectKey: job.objectKey,
        uploadAddress: '',
        endpoint: '',
        bucket: '',
      });
    }
    if (job.uploadId !== null && job.partSize !== null) {
      store.jobs.recordUploadId(job.id, job.uploadId, job.partSize);
      store.parts.replaceAll(job.id, parts);
    }
  }

  /**
   * Canceled on the team queue: the engine's own cancel stops the job, aborts its multipart upload and has
   * the media deleted in VOD through this worker's media ledger (a delete that fails stays owed there and is
   * retried); then the team queue records it canceled (or drops the row, for `remove`).
   */
  async function cleanUp(jobId: string, path: string): Promise<void> {
    mirror.detach(jobId);
    const mediaId = store.jobs.get(jobId)?.mediaId ?? null;
    if (store.jobs.get(jobId)?.status.state === 'done') {
      // The upload completed just as the cancel landed (its `complete` was refused): the media is whole and
      // stays in VOD; the team queue records the cancel the user asked for.
      logger.warn('canceled on the team queue as its upload completed: the media stays in VOD', {
        jobId,
        mediaId,
      });
    }
    try {
      await engine.cancel([jobId], { deleteMedia: true });
      await queue.finishCancel(jobId);
      report({ type: 'canceled', jobId, path, mediaId });
    } catch (error) {
      // The lease runs out and another worker of this place does the cleanup again.
      logger.warn('cleaning up a canceled team job failed', { jobId, error: String(error) });
    }
    if (store.jobs.get(jobId) !== undefined) store.jobs.remove([jobId]);
  }

  async function dropLocal(jobId: string): Promise<void> {
    try {
      await engine.pause([jobId]);
      if (store.jobs.get(jobId) !== undefined) store.jobs.remove([jobId]);
    } catch (error) {
      logger.warn('could not drop a job that is no longer ours', { jobId, error: String(error) });
    }
  }

  async function renew(): Promise<void> {
    const ids = [...held.keys()];
    if (ids.length === 0) return;
    try {
      const kept = new Set(await queue.renew(ids));
      for (const id of ids) {
        if (!kept.has(id) && held.has(id)) bridge.lost(id, new Error('the lease was not renewed'));
      }
    } catch (error) {
      logger.warn('renewing leases failed', { error: String(error) });
    }
  }

  const bridge: TeamBridge = {
    control: {
      workerId: worker.id,
      async start(w) {
        work = w;
        // What an earlier run of this data dir left unfinished is not ours any more: the team queue has it.
        const stale = store.jobs.listByState([...ACTIVE_OR_WAITING]).map((j) => j.id);
        if (stale.length > 0) store.jobs.remove(stale);
        heartbeat = setInterval(() => void renew(), Math.max(100, Math.floor(leaseMs / 3)));
        if (setup.listen) {
          unlisten = await setup.listen(() => {
            backoff = poll.min;
            schedule(0);
            // A cancel notifies too: a held job that is no longer claimed is found now, not at the heartbeat.
            void renew();
          });
        }
        schedule(0);
      },
      onReport(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      held: () => [...held.keys()],
      stopClaiming: () => bridge.stopClaiming(),
    },
    lost(jobId, error) {
      const path = held.get(jobId) ?? '';
      if (!held.delete(jobId)) return;
      // Paused before anything is awaited: when several held jobs are lost at once (one cancel naming them
      // all), the slot one frees must not start another of them.
      const stopping = engine.pause([jobId]).catch((e: unknown) => {
        logger.warn('could not stop a job that is no longer ours', { jobId, error: String(e) });
      });
      void (async () => {
        await stopping;
        // Canceled on the team queue while this worker held it: its lease is kept for the cleanup, done here.
        const now = await queue.get(jobId).catch(() => undefined);
        if (now?.state === 'canceling' && now.leaseOwner === worker.id) {
          await cleanUp(jobId, path);
        } else {
          report({
            type: 'lost',
            jobId,
            path,
            reason: error instanceof Error ? error.message : String(error),
          });
          await dropLocal(jobId);
        }
        schedule(0);
      })();
    },
    settled(jobId, outcome) {
      const path = held.get(jobId) ?? '';
      if (!held.delete(jobId)) return;
      const mediaId = store.jobs.get(jobId)?.mediaId ?? null;
      report(
        outcome === 'left'
          ? { type: 'left', jobId, path, reason: 'the file went missing here' }
          : { type: outcome, jobId, path, mediaId },
      );
      // Done and failed jobs live on in the team queue and history; the working set keeps only what runs.
      void dropLocal(jobId).then(() => schedule(0));
    },
    async stopClaiming() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      while (ticking) await new Promise((r) => setTimeout(r, 10));
      await unlisten?.().catch(() => undefined);
      unlisten = undefined;
    },
    async releaseAll() {
      await bridge.stopClaiming();
      await mirror.flush();
      if (heartbeat !== undefined) clearInterval(heartbeat);
      const ids = [...held.keys()];
      held.clear();
      if (ids.length === 0) return;
      try {
        await queue.release(ids);
        report({ type: 'released', count: ids.length });
      } catch (error) {
        // Their leases run out instead: another worker takes them over a little later.
        logger.warn('giving claims back failed', { count: ids.length, error: String(error) });
      }
    },
  };
  return bridge;
}

/** Why this worker cannot upload the file (not there, not the same file), or undefined when it can. */
async function cannotSee(path: string, job: TeamJob): Promise<string | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return `the file ${describeFsError(error)} here`;
  }
  if (!info.isFile()) return 'not a regular file here';
  if (info.size !== job.size) return `a file of ${info.size} bytes here, not ${job.size}`;
  if (job.fingerprint === null) return undefined;
  const check = await checkSource(path, {
    size: job.size,
    mtimeMs: info.mtimeMs,
    fingerprint: job.fingerprint,
  });
  return check.ok ? undefined : check.reason;
}
