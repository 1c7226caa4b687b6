import type {
  CredentialRequest,
  CredentialService,
  RefreshReason,
  UploadGrant,
} from '../vod/credential-types';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import type { CreateIntent, MediaBookkeeping } from './media-ledger-port';
import type { EngineJob, JobStore } from './ports';

export function credentialRequest(job: EngineJob): CredentialRequest {
  return {
    jobId: job.id,
    kind: job.kind,
    businessType: job.businessType ?? undefined,
    profileId: job.profileId,
    mediaId: job.mediaId,
    fileName: job.name,
    fileSize: job.size,
    title: job.title,
    metadata: job.metadata,
  };
}

/**
 * One job's upload grant, kept in memory (never persisted: it holds the STS secret) and obtained
 * single-flight: when eight parts hit SecurityTokenExpired at once, one refresh runs and all eight wait on it.
 * Every grant is persisted (media ID, UploadAddress, object key) the moment the credential service returns
 * it, even when the job was paused meanwhile.
 *
 * With bookkeeping, no media is left behind: a create is written ahead with a marker; a create whose answer
 * was lost is looked up by that marker and adopted (a video, through RefreshUploadVideo) or deleted; an image
 * or attached media that must be re-created (credential expired, or lost with a restart: neither can be
 * refreshed) has its upload aborted and the old media deleted.
 */
/** A multipart upload left behind on an object key the media no longer has, with the grant that may touch it. */
export interface SupersededUpload {
  readonly objectKey: string;
  readonly uploadId: string;
  /** The grant for that key, if this process held one (its credential stays valid until it expires). */
  readonly grant: UploadGrant | undefined;
}

export class JobGrant {
  private current: UploadGrant | undefined;
  private superseded: SupersededUpload[] = [];
  private pending: Promise<UploadGrant> | undefined;
  /** Bumped on every new grant: a part that failed with an older generation just retries with the new one. */
  private gen = 0;

  public constructor(
    private readonly jobId: string,
    private readonly store: JobStore,
    private readonly credentials: CredentialService,
    private readonly media?: MediaBookkeeping,
    /** How long each VOD call that answered with a grant took, ms: the path's round trip shows in it. */
    private readonly onServiceCall: (ms: number) => void = () => undefined,
  ) {}

  public get grant(): UploadGrant | undefined {
    return this.current;
  }

  public get generation(): number {
    return this.gen;
  }

  /** A usable grant: the one held if still fresh, else a new media ID (first start) or a refresh. */
  public async ensure(): Promise<UploadGrant> {
    if (this.current !== undefined && !this.credentials.needsRefresh(this.current)) return this.current;
    return this.flight(() => {
      const job = this.job();
      if (job.mediaId === null) return this.create(job);
      return this.renew(job, this.current === undefined ? 'resume' : 'expiring');
    });
  }

  /** Refreshes unless a refresh newer than `seenGeneration` already happened (then returns that grant). */
  public async refresh(reason: RefreshReason, seenGeneration?: number): Promise<UploadGrant> {
    if (seenGeneration !== undefined && seenGeneration < this.gen && this.current !== undefined)
      return this.current;
    return this.flight(() => {
      const job = this.job();
      return job.mediaId === null ? this.create(job) : this.renew(job, reason);
    });
  }

  /** Uploads on keys the media moved away from (RefreshUploadVideo handed out a new key), once each. */
  public takeSuperseded(): SupersededUpload[] {
    const taken = this.superseded;
    this.superseded = [];
    return taken;
  }

  /**
   * A video about to start a new multipart upload while one may be open on its key unrecorded (an Initiate
   * VOD applied but whose answer was lost, to a crash or a dropped connection): VOD drops the parts of every
   * upload open on the key, so none is left behind. A failure is logged; VOD removes the parts after 7 days.
   */
  public async dropUnrecordedUploads(job: EngineJob): Promise<void> {
    const remote = this.media?.remote;
    if (job.kind !== 'video' || job.mediaId === null || remote?.deleteVideoUploads === undefined) return;
    try {
      await remote.deleteVideoUploads(job.profileId, job.mediaId);
    } catch (error) {
      this.log().warn('dropping the unrecorded uploads of a video failed; VOD removes them after 7 days', {
        jobId: job.id,
        videoId: job.mediaId,
        error: String(error),
      });
    }
  }

  public needsRefresh(): boolean {
    return this.current === undefined || this.credentials.needsRefresh(this.current);
  }

  private job(): EngineJob {
    const job = this.store.get(this.jobId);
    if (job === undefined) throw new Error(`Job ${this.jobId} is no longer in the queue`);
    return job;
  }

  private flight(operation: () => Promise<UploadGrant>): Promise<UploadGrant> {
    if (this.pending !== undefined) return this.pending;
    const pending = operation().finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    this.pending = pending;
    return pending;
  }

  /** A video keeps its VideoId. An image or attached media cannot be refreshed: it is re-created. */
  private async renew(job: EngineJob, reason: RefreshReason): Promise<UploadGrant> {
    const media = this.media;
    if (job.kind === 'video' || media === undefined || job.mediaId === null) {
      return this.record(() => this.credentials.refresh(credentialRequest(job), reason));
    }
    if (reason === 'resume' && this.current === undefined) {
      const kept = await this.reuse(job, media);
      if (kept !== undefined) return kept;
    }
    const old = this.current;
    if (old !== undefined && old.target.mediaId === job.mediaId) {
      await media.abandon(job, old).catch((error: unknown) =>
        this.log().warn('aborting the upload of a media being re-created failed', {
          jobId: job.id,
          error: String(error),
        }),
      );
    }
    media.ledger.discard(job.id, {
      kind: job.kind,
      profileId: job.profileId,
      mediaIds: [job.mediaId],
      reason: old === undefined ? 'credential-lost' : 'credential-expired',
    });
    void media.janitor.sweep();
    return this.create(this.job());
  }

  /** A new media, written ahead; a create of ours whose answer was lost is settled first. */
  private async create(job: EngineJob): Promise<UploadGrant> {
    const media = this.media;
    if (media === undefined) {
      return this.record(() => this.credentials.acquire(credentialRequest(job)));
    }
    const earlier = media.ledger.intentFor(job.id);
    const found = earlier === undefined ? [] : await this.lookUp(media, earlier);
    if (earlier !== undefined && found !== undefined) {
      if (job.kind === 'video' && found.length > 0) {
        const [adopted, ...extra] = found as [string, ...string[]];
        if (extra.length > 0) {
          media.ledger.discard(null, {
            kind: job.kind,
            profileId: job.profileId,
            mediaIds: extra,
            reason: 'duplicate',
          });
          void media.janitor.sweep();
        }
        this.log().info('adopting a video whose create answer was lost', { jobId: job.id, videoId: adopted });
        return this.record(
          () => this.credentials.refresh({ ...credentialRequest(job), mediaId: adopted }, 'resume'),
          earlier.marker,
        );
      }
      media.ledger.discard(
        job.id,
        { kind: job.kind, profileId: job.profileId, mediaIds: found, reason: 'created-not-saved' },
        earlier.marker,
      );
      if (found.length > 0) void media.janitor.sweep();
    }
    const marker = media.ledger.newMarker();
    media.ledger.recordIntent({
      marker,
      jobId: job.id,
      kind: job.kind,
      profileId: job.profileId,
      startedAt: Date.now(),
    });
    return this.record(() => this.credentials.acquire({ ...credentialRequest(job), marker }), marker);
  }

  private async record(call: () => Promise<UploadGrant>, marker?: string): Promise<UploadGrant> {
    const started = performance.now();
    const grant = await call();
    this.onServiceCall(performance.now() - started);
    const { target } = grant;
    const before = this.store.get(this.jobId);
    if (before?.uploadId != null && before.objectKey !== null && before.objectKey !== target.objectKey) {
      // recordGrant forgets the upload id with the old key: keep it here so it can be aborted.
      const held = this.current?.target.objectKey === before.objectKey ? this.current : undefined;
      this.superseded.push({ objectKey: before.objectKey, uploadId: before.uploadId, grant: held });
    }
    this.store.recordGrant(this.jobId, {
      mediaId: target.mediaId,
      uploadAddress: grant.uploadAddress,
      endpoint: target.endpoint,
      bucket: target.bucket,
      objectKey: target.objectKey,
    });
    if (marker !== undefined) this.media?.ledger.resolveIntent(marker);
    this.current = grant;
    this.gen++;
    await this.keep(grant);
    return grant;
  }

  /** An image's or attached media's grant, kept encrypted: VOD cannot refresh those, a restart reuses it. */
  private async keep(grant: UploadGrant): Promise<void> {
    const vault = this.media?.vault;
    if (vault === undefined || grant.target.kind === 'video') return;
    await vault
      .save(this.jobId, grant.target.mediaId, grant.credential.expiresAt, JSON.stringify(grant))
      .catch((error: unknown) =>
        this.log().warn('could not keep the upload credential; a restart re-creates the media', {
          jobId: this.jobId,
          error: String(error),
        }),
      );
  }

  /** The grant kept for this media before a restart, while its credential is still good for a while. */
  private async reuse(job: EngineJob, media: MediaBookkeeping): Promise<UploadGrant | undefined> {
    if (media.vault === undefined || job.mediaId === null) return undefined;
    const text = await media.vault.load(job.id, job.mediaId).catch(() => undefined);
    if (text === undefined) return undefined;
    const grant = JSON.parse(text) as UploadGrant;
    const fits = grant.target.mediaId === job.mediaId && grant.target.objectKey === job.objectKey;
    if (!fits || this.credentials.needsRefresh(grant)) return undefined;
    this.log().info('reusing the upload credential kept for this media', {
      jobId: job.id,
      mediaId: job.mediaId,
    });
    this.current = grant;
    this.gen++;
    return grant;
  }

  /**
   * The media an earlier create of this job left, or undefined when VOD cannot be asked now: the intent then
   * stays in the ledger and the janitor looks again once the job is settled.
   */
  private async lookUp(media: MediaBookkeeping, intent: CreateIntent): Promise<string[] | undefined> {
    try {
      return await media.remote.findCreated(intent);
    } catch (error) {
      this.log().warn('could not look up the media of an earlier create; the janitor will', {
        jobId: this.jobId,
        marker: intent.marker,
        error: String(error),
      });
      return undefined;
    }
  }

  private log(): Logger {
    return this.media?.logger ?? nullLogger;
  }
}
