import type { ErrorInfo } from '../../../shared/domain/errors';
import type { JobStatus } from '../../../shared/domain/job-status';
import type { Logger } from '../log/logger';
import type { UrlUploadBatch, UrlUploadInfo } from '../vod/vod-client';
import type { AddSummary } from '../../../shared/domain/queue';
import type { UrlLine } from '../../../shared/domain/url-links';
import type { UrlMode } from '../../../shared/logic/source-url';
import type { UrlAddOptions, UrlIntake, UrlSourceRow } from '../queue/url-intake';
import type { MediaToDiscard } from './media-ledger-port';
import type { EngineJob, JobStore } from './ports';
import { PullCancels, type PullCancelRecords } from './url-pull-cancel';
import { PULL_QUERY_BATCH, PULL_SUBMIT_BATCH, chunk, pullError, pullOutcome } from './url-pull-status';

export type { UrlAddOptions } from '../queue/url-intake';
export { PULL_QUERY_BATCH, PULL_SUBMIT_BATCH, pullOutcome } from './url-pull-status';
import type { RelaySources } from './link-source';

/** VOD's side of a pull, per profile (the app wires it to the profile's VodClient). */
export interface UrlPullVod {
  submit(profileId: string | null, batch: UrlUploadBatch): Promise<Array<{ url: string; jobId: string }>>;
  query(
    profileId: string | null,
    vodJobIds: readonly string[],
  ): Promise<{ infos: UrlUploadInfo[]; missing: string[] }>;
  /** CancelUrlUploadJobs: VOD cancels only the jobs it has not started. */
  cancel(
    profileId: string | null,
    vodJobIds: readonly string[],
  ): Promise<{ canceled: string[]; missing: string[] }>;
}

/** The url_sources rows the runner reads and writes (queue/url-sources-repository.ts). */
export interface UrlPullSources {
  get(jobId: string): { url: string | null; vodJobId: string | null } | undefined;
  queuedPulls(limit: number, among?: readonly string[]): EngineJob[];
  activePulls(): EngineJob[];
  recordVodJob(jobId: string, vodJobId: string | null): void;
  recordSize(jobId: string, size: number): void;
  forgetUrl(jobId: string): void;
}

export interface UrlPullOptions {
  readonly store: JobStore;
  readonly sources: UrlPullSources;
  readonly vod: UrlPullVod;
  readonly logger: Logger;
  /** How often VOD is asked about the links it is fetching (default 5 s). */
  readonly pollIntervalMs?: number;
  /** A job's row changed (snapshots). */
  readonly changed: (jobIds: readonly string[]) => void;
  /** Something settled or the runner went quiet: the engine re-checks idle. */
  readonly wake: () => void;
  /** The wiring it was made from (the engine's enqueueUrls inserts through it). */
  readonly links?: EngineUrlOptions;
  /** Canceled links whose VOD job may still make a media (url-pull-cancel.ts). */
  readonly cancels?: PullCancelRecords;
  /** The media ledger's discard: a media VOD made for a canceled link is deleted by its janitor. */
  readonly discard?: (jobId: string, media: MediaToDiscard) => void;
}

/**
 * Links VOD fetches itself (pull mode). They take no upload slot: queued ones are submitted in batches of up
 * to 20 (grouped by profile and the call-level fields), each row keeping VOD's JobId; then GetURLUploadInfos
 * is asked, 10 JobIds a call, until each link has a media ID (done, with a history row) or a failure with
 * VOD's reason. A paused or interrupted job keeps its JobId and goes back to asking; a failed one forgets it,
 * so a retry submits the link again.
 */
export class UrlPullRunner {
  private submitting = false;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;
  private readonly cancels: PullCancels | undefined;

  public constructor(private readonly o: UrlPullOptions) {
    this.cancels =
      o.cancels &&
      new PullCancels({
        records: o.cancels,
        vod: o.vod,
        logger: o.logger,
        discard: (jobId, media) => {
          if (o.discard) o.discard(jobId, media);
          else o.logger.warn('no media ledger: the media of a canceled link stays in VOD', { jobId });
        },
      });
  }

  /** True when the job is a pull link VOD has an upload job for (submitted, not yet settled). */
  public hasVodJob(jobId: string): boolean {
    return Boolean(this.o.sources.get(jobId)?.vodJobId);
  }

  /**
   * A pull link being canceled (the caller marks it canceled right after, in the same turn): its VOD job is
   * recorded to be canceled (CancelUrlUploadJobs) and, when VOD has already started it, for deleting the
   * media it makes (`deleteMedia`). settleCancels() then asks VOD.
   */
  public abandon(job: EngineJob, deleteMedia: boolean): void {
    const vodJobId = this.o.sources.get(job.id)?.vodJobId;
    if (!vodJobId || this.cancels === undefined) return;
    this.cancels.record(job.id, vodJobId, job.profileId, deleteMedia);
    this.o.sources.recordVodJob(job.id, null);
  }

  /** One round over the canceled links VOD may still work on; never rejects (failures are asked again). */
  public async settleCancels(): Promise<void> {
    await this.cancels
      ?.settle()
      .catch((error: unknown) =>
        this.o.logger.warn('settling canceled links failed', { error: String(error) }),
      );
    this.schedulePoll();
  }

  /** What enqueue() would do with each link, queuing nothing. */
  public check(urls: readonly string[], urlMode?: UrlMode): UrlLine[] {
    const links = this.o.links;
    if (links === undefined) throw new Error('This engine does not take links');
    return links.intake.check(urls, urlMode);
  }

  /** Checks links and queues those that can go up, with their url_sources rows, in one write. */
  public async enqueue(urls: readonly string[], options?: UrlAddOptions): Promise<AddSummary> {
    const links = this.o.links;
    if (links === undefined) throw new Error('This engine does not take links');
    const { jobs, sources, summary } = await links.intake.decide(urls, options);
    links.transaction(() => {
      this.o.store.insert(jobs);
      links.sources.insert(sources);
    });
    this.o.changed(summary.jobIds);
    this.o.wake();
    return summary;
  }

  public pump(scope: readonly string[] | undefined): void {
    if (this.stopped) return;
    if (!this.submitting) {
      const queued = this.o.sources.queuedPulls(500, scope);
      if (queued.length > 0) {
        this.submitting = true;
        void this.submitAll(queued)
          .catch((error: unknown) => this.o.logger.error('URL submit failed', { error: String(error) }))
          .finally(() => {
            this.submitting = false;
            this.o.wake();
          });
      }
    }
    this.schedulePoll();
  }

  /** Pull jobs still to submit or still fetched by VOD (within `scope` when given). */
  public busy(scope: readonly string[] | undefined): boolean {
    if (this.submitting) return true;
    if (this.o.sources.queuedPulls(1, scope).length > 0) return true;
    if (this.cancels?.pending(scope) === true) return true;
    const active = this.o.sources.activePulls();
    return scope === undefined ? active.length > 0 : active.some((j) => scope.includes(j.id));
  }

  public stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(jobId: string, status: JobStatus): void {
    this.o.store.setStatus(jobId, status);
    this.o.changed([jobId]);
  }

  private async submitAll(jobs: readonly EngineJob[]): Promise<void> {
    const fresh: EngineJob[] = [];
    for (const job of jobs) {
      const source = this.o.sources.get(job.id);
      if (source?.vodJobId) {
        // Submitted before a pause or a restart: VOD is still on it, only the asking resumes.
        this.setStatus(job.id, { state: 'preparing' });
        this.setStatus(job.id, { state: 'uploading' });
      } else if (!source?.url) {
        this.setStatus(job.id, { state: 'preparing' });
        this.setStatus(job.id, {
          state: 'failed',
          error: {
            code: 'UrlMissing',
            message: 'The link of this job is no longer on record; add it again.',
          },
        });
      } else fresh.push(job);
    }
    const groups = new Map<string, EngineJob[]>();
    for (const job of fresh) {
      const m = job.metadata;
      const key = JSON.stringify([job.profileId, m.storageLocation, m.appId, m.userData]);
      groups.set(key, [...(groups.get(key) ?? []), job]);
    }
    for (const group of groups.values()) {
      for (const batch of chunk(group, PULL_SUBMIT_BATCH)) await this.submit(batch);
    }
  }

  private async submit(batch: readonly EngineJob[]): Promise<void> {
    for (const job of batch) this.setStatus(job.id, { state: 'preparing' });
    const first = batch[0]!;
    const m = first.metadata;
    const items = batch.map((job) => ({
      url: this.o.sources.get(job.id)?.url ?? '',
      title: job.title,
      description: job.metadata.description,
      tags: job.metadata.tags,
      cateId: job.metadata.cateId,
      templateGroupId: job.metadata.templateGroupId,
      workflowId: job.metadata.workflowId,
    }));
    try {
      const answer = await this.o.vod.submit(first.profileId, {
        items,
        storageLocation: m.storageLocation,
        appId: m.appId,
        userData: m.userData,
      });
      batch.forEach((job, i) => {
        const vodJobId = answer[i]!.jobId;
        const state = this.o.store.get(job.id)?.status.state;
        // Canceled or removed while VOD was being asked: VOD's job is canceled like any other.
        if (state === undefined || state === 'canceled') {
          this.cancels?.record(job.id, vodJobId, job.profileId, true);
          return;
        }
        this.o.sources.recordVodJob(job.id, vodJobId);
        if (state === 'preparing') this.setStatus(job.id, { state: 'uploading' });
      });
      this.o.logger.info('links submitted to VOD', { count: batch.length, jobIds: batch.map((j) => j.id) });
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown; requestId?: unknown };
      const info: ErrorInfo = {
        code: typeof e.code === 'string' ? e.code : 'UrlSubmitFailed',
        message: `VOD refused the links: ${typeof e.message === 'string' ? e.message : String(error)}`,
        ...(typeof e.requestId === 'string' ? { requestId: e.requestId } : {}),
      };
      this.o.logger.warn('UploadMediaByURL failed', { code: info.code, requestId: info.requestId });
      for (const job of batch) {
        if (this.o.store.get(job.id)?.status.state === 'preparing') {
          this.setStatus(job.id, { state: 'failed', error: info });
        }
      }
    }
  }

  private schedulePoll(): void {
    if (this.stopped || this.timer !== undefined || this.polling) return;
    if (this.o.sources.activePulls().length === 0 && this.cancels?.pending() !== true) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.polling = true;
      void this.pollOnce()
        .catch((error: unknown) => this.o.logger.warn('URL status poll failed', { error: String(error) }))
        .finally(() => {
          this.polling = false;
          this.o.wake();
          this.schedulePoll();
        });
    }, this.o.pollIntervalMs ?? 5000);
  }

  /** One round of GetURLUploadInfos over every link VOD is fetching (and the canceled ones still owed). */
  public async pollOnce(): Promise<void> {
    await this.cancels
      ?.settle()
      .catch((error: unknown) =>
        this.o.logger.warn('settling canceled links failed', { error: String(error) }),
      );
    const active = this.o.sources.activePulls();
    const byProfile = new Map<string | null, Array<{ job: EngineJob; vodJobId: string }>>();
    for (const job of active) {
      const vodJobId = this.o.sources.get(job.id)?.vodJobId;
      if (!vodJobId) continue;
      byProfile.set(job.profileId, [...(byProfile.get(job.profileId) ?? []), { job, vodJobId }]);
    }
    for (const [profileId, entries] of byProfile) {
      for (const batch of chunk(entries, PULL_QUERY_BATCH)) {
        if (this.stopped) return;
        const { infos, missing } = await this.o.vod.query(
          profileId,
          batch.map((b) => b.vodJobId),
        );
        const byJob = new Map(infos.map((info) => [info.JobId, info]));
        for (const { job, vodJobId } of batch) this.settle(job, vodJobId, byJob.get(vodJobId), missing);
      }
    }
  }

  private settle(
    job: EngineJob,
    vodJobId: string,
    info: UrlUploadInfo | undefined,
    missing: readonly string[],
  ): void {
    const current = this.o.store.get(job.id);
    // Paused, canceled or removed while VOD was asked.
    if (
      current === undefined ||
      (current.status.state !== 'uploading' && current.status.state !== 'retrying')
    )
      return;
    if (info === undefined) {
      if (!missing.includes(vodJobId)) return;
      this.o.sources.recordVodJob(job.id, null);
      this.setStatus(job.id, {
        state: 'failed',
        error: {
          code: 'UrlJobNotFound',
          message: "VOD no longer knows this link's upload job; retry submits it again.",
        },
      });
      return;
    }
    const outcome = pullOutcome(info);
    if (outcome === 'working') return;
    if (outcome === 'failed') {
      this.o.sources.recordVodJob(job.id, null);
      this.setStatus(job.id, { state: 'failed', error: pullError(info) });
      return;
    }
    const size = Number(info.FileSize);
    if (Number.isFinite(size) && size >= 0) this.o.sources.recordSize(job.id, size);
    this.setStatus(job.id, { state: 'verifying' });
    this.o.store.markDone(job.id, { mediaId: info.MediaId, crc64: null });
    this.o.sources.forgetUrl(job.id);
    this.o.changed([job.id]);
  }
}

/** Upload from URLs, as the engine is given it (the app wires it in create-app-services.ts). */
export interface EngineUrlOptions {
  readonly intake: UrlIntake;
  readonly sources: UrlPullSources & RelaySources & { insert(rows: readonly UrlSourceRow[]): void };
  readonly cancels?: PullCancelRecords;
  readonly vod: UrlPullVod;
  /** Runs the job rows' and their links' inserts as one write. */
  readonly transaction: (write: () => void) => void;
  readonly pollIntervalMs?: number;
}

/** The engine's pull runner, when it takes links. */
export function urlPullFor(
  links: EngineUrlOptions | undefined,
  store: JobStore,
  logger: Logger,
  progress: { markChanged(jobIds: readonly string[]): void },
  wake: () => void,
  discard?: (jobId: string, media: MediaToDiscard) => void,
): UrlPullRunner | undefined {
  if (links === undefined) return undefined;
  return new UrlPullRunner({
    store,
    logger,
    wake,
    ...(links.cancels !== undefined ? { cancels: links.cancels } : {}),
    ...(discard !== undefined ? { discard } : {}),
    changed: (ids) => progress.markChanged(ids),
    links,
    sources: links.sources,
    vod: links.vod,
    ...(links.pollIntervalMs !== undefined ? { pollIntervalMs: links.pollIntervalMs } : {}),
  });
}
