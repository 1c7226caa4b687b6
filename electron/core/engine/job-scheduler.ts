import type { JobStatus } from '../../../shared/domain/job-status';
import type { CredentialService } from '../vod/credential-types';
import type { Connections } from './connections';
import { abortUpload } from './abort-upload';
import { EngineAbort, type StopKind } from './engine-abort';
import type { EngineEvents } from './job-events';
import { JobGrant } from './job-grant';
import { runJob } from './job-runner';
import type { MediaBookkeeping } from './media-ledger-port';
import type { RunnerContext } from './runner-context';
import type { UrlPullRunner } from './url-pull';

interface Running {
  readonly controller: AbortController;
  /** Fired by drain(): the job starts no new request and stops once those in flight are recorded. */
  readonly draining: AbortController;
  readonly done: Promise<void>;
}

/** What a drain left undone: the jobs whose in-flight requests were still running at the timeout (aborted). */
export interface DrainOutcome {
  readonly cutOff: readonly string[];
}

export interface SchedulerOptions {
  readonly ctx: RunnerContext;
  readonly credentials: CredentialService;
  readonly connections: Connections;
  readonly events: EngineEvents;
  readonly bookkeeping: MediaBookkeeping | undefined;
  /** The link runner is made after the scheduler (it wakes it), so it is looked up when needed. */
  readonly links: () => UrlPullRunner | undefined;
  readonly sweepMedia: () => Promise<void>;
}

/**
 * Which jobs run: starts queued jobs in queue order up to the files-at-once cap, stops them with a reason,
 * hands a finished job's slot to the next, and tells when the queue is idle. A job that fails never blocks
 * the others. The intents that decide a job's status live in upload-engine.ts; this is the machinery under
 * them.
 */
export class JobScheduler {
  private readonly running = new Map<string, Running>();
  private readonly grants = new Map<string, JobGrant>();
  private readonly idleWaiters: (() => void)[] = [];
  private started = false;
  private closed = false;
  /** Only these jobs are started (a CLI run sends exactly its own files); every queued job when undefined. */
  private scope: readonly string[] | undefined;
  private busy = false;
  /** A drain is under way or done: nothing starts until start() is called again. */
  private draining = false;

  public constructor(private readonly options: SchedulerOptions) {}

  public get isClosed(): boolean {
    return this.closed;
  }

  public start(only: readonly string[] | undefined): void {
    if (this.closed) throw new Error('The engine was shut down');
    this.scope = only;
    this.started = true;
    this.draining = false;
  }

  /**
   * Starts nothing new (no job, and in running jobs no part, single PUT or attempt); lets the requests in
   * flight finish and be recorded, then each job goes back to the queue. Jobs still running after
   * `timeoutMs` are stopped as a shutdown stops them (in-flight requests aborted). Resolves once none runs.
   */
  public async drain(timeoutMs: number): Promise<DrainOutcome> {
    this.draining = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.draining.abort();
    const cutOff: string[] = [];
    const timer = setTimeout(() => {
      for (const [jobId, run] of this.running) {
        cutOff.push(jobId);
        run.controller.abort(new EngineAbort('shutdown'));
      }
    }, timeoutMs);
    try {
      await Promise.all(runs.map((run) => run.done));
    } finally {
      clearTimeout(timer);
    }
    return { cutOff };
  }

  /** No job starts from now on; running ones are left to the caller to stop. */
  public close(): void {
    this.closed = true;
    this.started = false;
  }

  public isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  public runningJobIds(): string[] {
    return [...this.running.keys()];
  }

  /** Resolves when no job is running and none is queued. */
  public whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Aborts a running job with the reason and resolves once its runner has returned. */
  public async stopJob(jobId: string, kind: StopKind): Promise<void> {
    const run = this.running.get(jobId);
    if (run === undefined) return;
    run.controller.abort(new EngineAbort(kind));
    await run.done;
  }

  /** The job's credential holder, kept across attempts so a grant is reused until it expires. */
  public grantFor(jobId: string): JobGrant {
    let grant = this.grants.get(jobId);
    if (grant === undefined) {
      const { ctx, credentials, bookkeeping } = this.options;
      grant = new JobGrant(jobId, ctx.store, credentials, bookkeeping, (ms) =>
        ctx.concurrency.onServiceCall(ms),
      );
      this.grants.set(jobId, grant);
    }
    return grant;
  }

  public forgetGrant(jobId: string): void {
    this.grants.delete(jobId);
  }

  public transition(jobId: string, status: JobStatus): void {
    this.options.ctx.store.setStatus(jobId, status);
    this.options.ctx.progress.markChanged([jobId]);
  }

  public pump(): void {
    if (!this.started || this.closed) return;
    if (!this.draining) this.launchRunnable();
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    if (this.busy) {
      this.busy = false;
      this.options.events.emit({ type: 'idle' });
    }
  }

  private launchRunnable(): void {
    const { ctx, connections, bookkeeping } = this.options;
    this.options.links()?.pump(this.scope);
    const cap = connections.filesAtOnce(ctx.settings().filesAtOnce);
    // One query for all the room there is (a launched job leaves 'queued' at once): asking again per job
    // read up to cap × 2 rows for each of them, O(files²) when a batch starts.
    let room = cap - this.running.size;
    for (let ask = room; room > 0; ask *= 2) {
      const rows = ctx.store.listRunnable(ask, this.scope);
      for (const job of rows) {
        if (room === 0) break;
        if (this.running.has(job.id)) continue;
        this.busy = true;
        this.launch(job.id);
        room--;
      }
      if (rows.length < ask) break;
    }
    if (this.running.size === 0 && bookkeeping?.janitor.inFlight === undefined) {
      // Nothing is uploading: a good moment to delete what was given up (failed deletes wait their turn).
      if (bookkeeping?.janitor.hasWork() === true) void this.options.sweepMedia().then(() => this.pump());
    }
  }

  /** Nothing runs and nothing (of the scope) waits; after a drain, queued jobs wait for the next start. */
  private isIdle(): boolean {
    const { ctx, bookkeeping } = this.options;
    if (this.running.size > 0 || bookkeeping?.janitor.inFlight !== undefined) return false;
    if (!this.started || this.draining) return true;
    return !ctx.store.listRunnable(1, this.scope).length && !this.options.links()?.busy(this.scope);
  }

  private launch(jobId: string): void {
    const { ctx } = this.options;
    const controller = new AbortController();
    const draining = new AbortController();
    const done = runJob(ctx, jobId, this.grantFor(jobId), controller.signal, draining.signal)
      .then(async () => {
        const status = ctx.store.get(jobId)?.status;
        if (status?.state === 'done' || status?.state === 'canceled') this.grants.delete(jobId);
        if (status?.state === 'failed' && status.error.code === 'SourceChanged')
          await this.dropChangedLink(jobId);
      })
      .catch((error: unknown) => this.settleStopped(jobId, controller.signal, error))
      .finally(() => {
        this.running.delete(jobId);
        ctx.progress.end(jobId);
        // Let the next job start outside this call stack.
        setImmediate(() => this.pump());
      });
    this.running.set(jobId, { controller, draining, done });
  }

  /**
   * A relayed link whose content changed: what was sent of the old content is of no use (a retry must not
   * mix it with the new). Its multipart upload is aborted and its media given to the ledger to delete, as a
   * cancel does; the pin is dropped so a retry uploads what the link serves then, as a new media.
   */
  private async dropChangedLink(jobId: string): Promise<void> {
    const { ctx, bookkeeping } = this.options;
    const job = ctx.store.get(jobId);
    if (job === undefined || ctx.relay?.get(jobId)?.mode !== 'relay') return;
    await abortUpload(ctx, jobId, this.grantFor(jobId)).catch((error: unknown) =>
      ctx.logger.warn('abort multipart upload failed', { jobId, error: String(error) }),
    );
    if (job.mediaId !== null && bookkeeping !== undefined) {
      bookkeeping.ledger.discard(jobId, {
        kind: job.kind,
        profileId: job.profileId,
        mediaIds: [job.mediaId],
        reason: 'source-changed',
      });
      // Idle is told once the delete is through (the janitor in flight keeps the queue busy).
      void this.options.sweepMedia().then(() => this.pump());
    }
    ctx.relay.unpinOrigin(jobId);
    this.grants.delete(jobId);
    ctx.progress.markChanged([jobId]);
  }

  private settleStopped(jobId: string, signal: AbortSignal, error: unknown): void {
    const reason: unknown = signal.aborted ? signal.reason : error;
    if (reason instanceof EngineAbort) {
      // pause() and cancel() set the final status themselves; a shutdown or a drain (the job stopped itself
      // once its in-flight requests were recorded) hands the job back to the queue.
      if (reason.kind === 'shutdown' || reason.kind === 'drain')
        this.safeTransition(jobId, { state: 'queued' });
      return;
    }
    this.options.ctx.logger.error('job runner crashed', { jobId, error: String(error) });
    this.safeTransition(jobId, {
      state: 'failed',
      error: { code: 'EngineError', message: error instanceof Error ? error.message : String(error) },
    });
  }

  private safeTransition(jobId: string, status: JobStatus): void {
    try {
      this.transition(jobId, status);
    } catch (error) {
      this.options.ctx.logger.warn('status change refused', {
        jobId,
        to: status.state,
        error: String(error),
      });
    }
  }
}
