import type { EngineEventListener } from '../../../shared/domain/engine-events';
import { isAllowed, statesAllowing } from '../../../shared/domain/job-actions';
import type { JobStatus } from '../../../shared/domain/job-status';
import { canTransition, isFinal, statesWhere } from '../../../shared/domain/job-transitions';
import type { AddSummary, QueueSnapshot } from '../../../shared/domain/queue';
import type { AddOptions } from '../queue/queue-service';
import { nullLogger, type Logger } from '../log/logger';
import { crc64Implementation } from '../oss/crc64-implementation';
import { defaultReadWorkers, ReadPartPool } from '../oss/read-part-pool';
import type { CredentialService } from '../vod/credential-types';
import { Connections } from './connections';
import { abortUpload } from './abort-upload';
import { EngineEvents, withEvents } from './job-events';
import { JobScheduler, type DrainOutcome } from './job-scheduler';
import type { MediaBookkeeping, MediaToDiscard } from './media-ledger-port';
import { mediaBookkeeping } from './media-bookkeeping';
import { OssClients } from './oss-clients';
import { RefusedReads } from './refused-reads';
import { DEFAULT_RETRY_POLICY, type RunnerContext } from './runner-context';
import type { EngineOptions } from './engine-options';
import type { EngineSettings, JobIntake, JobStore } from './ports';
import { ProgressTracker } from './progress-tracker';
import { urlPullFor, type UrlPullRunner } from './url-pull';

export type { EngineOptions } from './engine-options';
export type { DrainOutcome } from './job-scheduler';

/** How long a drain waits for in-flight requests by default: under the 30 s most service managers allow. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 25_000;

/**
 * The engine owns the queue's jobs: it alone writes their rows. It carries out every intent (enqueue,
 * remove, reorder, clear, pause, resume, retry, cancel), tells what happens to jobs as typed events
 * (job-events.ts) beside the throttled snapshots, and schedules through the JobScheduler (job-scheduler.ts):
 * queued jobs start in queue order up to `filesAtOnce`, sharing one parts-in-flight cap, one bandwidth limit,
 * one keep-alive agent and one read pool across them.
 */
export class UploadEngine {
  private settingsValue: EngineSettings;
  private readonly store: JobStore;
  private readonly intake: JobIntake | undefined;
  private readonly events: EngineEvents;
  private readonly credentials: CredentialService;
  private readonly logger: Logger;
  private readonly connectionsValue: Connections;
  private readonly oss: OssClients;
  private readonly pool: ReadPartPool;
  private readonly progress: ProgressTracker;
  private readonly ctx: RunnerContext;
  private readonly scheduler: JobScheduler;
  private readonly bookkeeping: MediaBookkeeping | undefined;
  public readonly links: UrlPullRunner | undefined;

  public constructor(options: EngineOptions) {
    this.logger = options.logger ?? nullLogger;
    this.events = new EngineEvents(this.logger);
    this.store = withEvents(options.store, this.events);
    this.intake = options.intake;
    this.credentials = options.credentials;
    this.settingsValue = options.settings;
    this.connectionsValue = new Connections(
      () => this.settingsValue.partsInFlight,
      () => this.pump(),
      this.logger,
      options.concurrency,
    );
    this.oss = new OssClients({
      bandwidthLimit: options.settings.bandwidthLimit,
      stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
      ...(options.ossSignatureVersion ? { signatureVersion: options.ossSignatureVersion } : {}),
      ...(options.extraCaCertificates ? { extraCaCertificates: options.extraCaCertificates } : {}),
    });
    const crc64 = crc64Implementation();
    this.logger.info(`crc64 implementation: ${crc64.name}`, crc64.reason ? { reason: crc64.reason } : {});
    this.pool = new ReadPartPool(
      options.readWorkers ?? defaultReadWorkers(options.settings.partsInFlight),
      crc64,
    );
    this.progress = new ProgressTracker(this.store, options.snapshotIntervalMs ?? 100);
    this.progress.setConnections(() => this.connections());
    this.ctx = {
      store: this.store,
      pool: this.pool,
      limiter: this.connectionsValue.limiter,
      concurrency: this.connectionsValue.controller,
      progress: this.progress,
      settings: () => this.settingsValue,
      clientFor: (target, grant) => this.oss.clientFor(target, grant),
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger: this.logger,
      mediaStatus: options.mediaStatus,
      refusedReads: new RefusedReads(),
      relay: options.urls?.sources,
      originIdleTimeoutMs: options.stallTimeoutMs,
    };
    this.bookkeeping = options.media && mediaBookkeeping(options.media, this.ctx);
    this.scheduler = new JobScheduler({
      ctx: this.ctx,
      credentials: this.credentials,
      connections: this.connectionsValue,
      events: this.events,
      bookkeeping: this.bookkeeping,
      links: () => this.links,
      sweepMedia: () => this.sweepMedia(),
    });
    const ledger = this.bookkeeping?.ledger;
    const discard = ledger && ((jobId: string, media: MediaToDiscard) => ledger.discard(jobId, media));
    this.links = urlPullFor(options.urls, this.store, this.logger, this.progress, () => this.pump(), discard);
  }

  /** Cleans up what the ledger says is owed to VOD (also runs on start and when the queue goes idle). */
  public sweepMedia(): Promise<void> {
    return this.bookkeeping?.janitor.sweep() ?? Promise.resolve();
  }

  public get settings(): EngineSettings {
    return this.settingsValue;
  }

  /**
   * Once, before start: jobs a crash or restart left active go back to the queue (paused when `autoResume`
   * is off), keeping their upload id and parts. Returns how many.
   */
  public recoverInterrupted(autoResume: boolean): number {
    return this.store.recoverInterrupted(autoResume).length;
  }

  /** Starts taking jobs from the queue (only those in `only` when given), after recoverInterrupted(). */
  public start(options: { only?: readonly string[] } = {}): void {
    this.scheduler.start(options.only);
    this.progress.start();
    if (this.bookkeeping?.janitor.hasWork() === true) void this.sweepMedia().then(() => this.pump());
    this.connectionsValue.start();
    this.pump();
  }

  /** Limits apply while running: a lower cap lets in-flight parts finish, a higher one starts more at once. */
  public updateSettings(patch: Partial<EngineSettings>): void {
    this.settingsValue = { ...this.settingsValue, ...patch };
    this.connectionsValue.recheckCap();
    this.oss.setRate(this.settingsValue.bandwidthLimit);
    this.pump();
  }

  /** Requests in flight now and the number adaptive concurrency allows at present. */
  public connections(): { active: number; limit: number } {
    return this.connectionsValue.snapshot();
  }

  /** Looks for runnable jobs now (tests that rewrite a row to replay a crash window). */
  public poke(): void {
    this.pump();
  }

  /** What happens to jobs, one typed event per fact (shared/domain/engine-events.ts). */
  public onEvent(listener: EngineEventListener): () => void {
    return this.events.on(listener);
  }

  /** Scans the paths and queues what can be uploaded at the end of the queue; says what was left out. */
  public async enqueue(paths: readonly string[], options?: AddOptions): Promise<AddSummary> {
    if (this.intake === undefined) throw new Error('This engine has no intake to queue files with');
    const scanned = await this.intake.scan(paths, options);
    const { jobs, summary } = this.intake.decide(scanned);
    this.store.insert(jobs);
    this.progress.markChanged(summary.jobIds);
    this.pump();
    return summary;
  }

  /** Moves jobs to the top or bottom of the queue (which starts first), keeping their relative order. */
  public reorder(jobIds: readonly string[], where: 'top' | 'bottom'): void {
    this.store.reorder(jobIds, where);
    this.progress.markChanged(jobIds);
    this.pump();
  }

  /**
   * Removes jobs from the queue. An unfinished one is canceled first, so its multipart upload is aborted
   * rather than left on OSS.
   */
  public async remove(jobIds: readonly string[]): Promise<void> {
    const unfinished = jobIds.filter((id) => {
      const state = this.store.get(id)?.status.state;
      return state !== undefined && !isFinal(state);
    });
    if (unfinished.length > 0) await this.cancel(unfinished, { deleteMedia: true });
    this.store.remove(jobIds.filter((id) => !this.scheduler.isRunning(id)));
    this.progress.markRemoved(jobIds.filter((id) => this.store.get(id) === undefined));
  }

  /** Removes done and canceled jobs from the queue (history keeps the done ones). */
  public clearFinished(): void {
    // Only the finished rows are read (not every view: a queue may hold 100,000 jobs); one DELETE removes them all.
    const finished = this.store.listByState(statesWhere(isFinal)).map((job) => job.id);
    this.store.clearFinished();
    this.progress.markRemoved(finished.filter((id) => this.store.get(id) === undefined));
  }

  public isRunning(jobId: string): boolean {
    return this.scheduler.isRunning(jobId);
  }

  public runningJobIds(): string[] {
    return this.scheduler.runningJobIds();
  }

  public onSnapshot(listener: (snapshot: QueueSnapshot) => void): () => void {
    return this.progress.onSnapshot(listener);
  }

  public requestFullSnapshot(): void {
    this.progress.requestFull();
  }

  /** Bytes OSS acknowledged of a moving job (in-flight parts not included: progress never goes back). */
  public liveBytes(jobId: string): number | undefined {
    return this.progress.liveBytes(jobId);
  }

  /** Pauses jobs: in-flight requests are aborted at once; completed parts are kept. Resolves once stopped. */
  public async pause(jobIds: readonly string[]): Promise<void> {
    await Promise.all(jobIds.map((id) => this.scheduler.stopJob(id, 'pause')));
    for (const id of jobIds) {
      const job = this.store.get(id);
      if (job !== undefined && isAllowed(job.status.state, 'pause')) this.transition(id, { state: 'paused' });
    }
    this.pump();
  }

  public async pauseAll(): Promise<void> {
    const ids = new Set([
      ...this.scheduler.runningJobIds(),
      ...this.store.listRunnable(1_000_000).map((j) => j.id),
    ]);
    await this.pause([...ids]);
  }

  public resumeAll(): void {
    this.resume(this.idsAllowing('resume'));
  }

  public retryFailed(): void {
    this.retry(this.idsAllowing('retry'));
  }

  public resume(jobIds: readonly string[]): void {
    for (const id of jobIds) {
      const state = this.store.get(id)?.status.state;
      if (state !== undefined && isAllowed(state, 'resume')) this.transition(id, { state: 'queued' });
    }
    this.pump();
  }

  /** Failed or source-missing jobs go back to the queue; their upload id and parts are reused. */
  public retry(jobIds: readonly string[]): void {
    for (const id of jobIds) {
      const state = this.store.get(id)?.status.state;
      if (state !== undefined && isAllowed(state, 'retry')) this.transition(id, { state: 'queued' });
    }
    this.pump();
  }

  /**
   * Cancels jobs: stops them, aborts their multipart upload on OSS (its parts are deleted), deletes the media
   * in VOD when asked (through the media ledger: a delete that fails is kept, shown and retried), and marks
   * them canceled. A link VOD is fetching has its VOD job canceled, or the media it makes deleted (url-pull-cancel.ts).
   */
  public async cancel(jobIds: readonly string[], options: { deleteMedia?: boolean } = {}): Promise<void> {
    await Promise.all(
      jobIds.map(async (id) => {
        await this.scheduler.stopJob(id, 'cancel');
        const job = this.store.get(id);
        if (job === undefined || !canTransition(job.status.state, 'canceled')) return;
        if (this.links?.hasVodJob(id) === true) {
          // A link VOD is fetching: recorded and marked in one turn, so no poll can settle it done between.
          this.links.abandon(job, options.deleteMedia === true);
          this.transition(id, { state: 'canceled' });
          return;
        }
        await abortUpload(this.ctx, id, this.scheduler.grantFor(id)).catch((error: unknown) =>
          this.logger.warn('abort multipart upload failed', { jobId: id, error: String(error) }),
        );
        const mediaId = this.store.get(id)?.mediaId ?? null;
        if (options.deleteMedia === true && mediaId !== null && this.bookkeeping !== undefined) {
          this.bookkeeping.ledger.discard(id, {
            kind: job.kind,
            profileId: job.profileId,
            mediaIds: [mediaId],
            reason: 'canceled',
          });
        }
        this.transition(id, { state: 'canceled' });
        this.scheduler.forgetGrant(id);
      }),
    );
    await this.links?.settleCancels();
    await this.sweepMedia();
    this.pump();
  }

  /** Resolves when no job is running and none is queued (CLI and tests). */
  public whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  /**
   * Finishes what is in flight and starts nothing new (SIGTERM of `vod-upload watch`/`upload`, a team worker
   * leaving): no job, part, single PUT or retry starts; parts already sending finish and are recorded; then
   * each job goes back to the queue (queued: not failed, not paused) to go on from its recorded parts. Jobs
   * still sending after `timeoutMs` are stopped like a shutdown (their in-flight parts are sent again later).
   * Resolves once no job runs. start() undoes it; shutdown() after it has nothing left to stop.
   */
  public async drain(options: { timeoutMs?: number } = {}): Promise<DrainOutcome> {
    const outcome = await this.scheduler.drain(options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    this.progress.flush();
    return outcome;
  }

  /** Stops every job (back to queued, parts kept), flushes a last snapshot, releases workers and sockets. */
  public async shutdown(): Promise<void> {
    this.scheduler.close();
    this.connectionsValue.stop();
    this.links?.stop();
    await Promise.all(this.scheduler.runningJobIds().map((id) => this.scheduler.stopJob(id, 'shutdown')));
    this.progress.flush();
    this.progress.stop();
    await this.pool.close();
    this.oss.destroy();
  }

  private idsAllowing(action: 'resume' | 'retry'): string[] {
    return this.store.listByState(statesAllowing(action)).map((job) => job.id);
  }

  private transition(jobId: string, status: JobStatus): void {
    this.scheduler.transition(jobId, status);
  }

  private pump(): void {
    this.scheduler.pump();
  }
}

/** The composition root's one call: an engine over the queue store and the credential service. */
export function createEngine(options: EngineOptions): UploadEngine {
  return new UploadEngine(options);
}
