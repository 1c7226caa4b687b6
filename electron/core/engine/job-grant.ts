import type {
  CredentialRequest,
  CredentialService,
  RefreshReason,
  UploadGrant,
} from '../vod/credential-types';
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
 * One job's upload grant, kept in memory (never persisted: it holds the STS secret) and refreshed
 * single-flight: when eight parts hit SecurityTokenExpired at once, one refresh runs and all eight wait on it.
 * Every grant is persisted (media ID, UploadAddress, object key) the moment the credential service returns
 * it, even when the job was paused meanwhile.
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
    const job = this.job();
    if (job.mediaId === null) return this.run(() => this.credentials.acquire(credentialRequest(job)));
    return this.refresh(this.current === undefined ? 'resume' : 'expiring');
  }

  /** Refreshes unless a refresh newer than `seenGeneration` already happened (then returns that grant). */
  public async refresh(reason: RefreshReason, seenGeneration?: number): Promise<UploadGrant> {
    if (seenGeneration !== undefined && seenGeneration < this.gen && this.current !== undefined)
      return this.current;
    return this.run(() => this.credentials.refresh(credentialRequest(this.job()), reason));
  }

  /** Uploads on keys the media moved away from (RefreshUploadVideo handed out a new key), once each. */
  public takeSuperseded(): SupersededUpload[] {
    const taken = this.superseded;
    this.superseded = [];
    return taken;
  }

  public needsRefresh(): boolean {
    return this.current === undefined || this.credentials.needsRefresh(this.current);
  }

  private job(): EngineJob {
    const job = this.store.get(this.jobId);
    if (job === undefined) throw new Error(`Job ${this.jobId} is no longer in the queue`);
    return job;
  }

  private run(call: () => Promise<UploadGrant>): Promise<UploadGrant> {
    if (this.pending !== undefined) return this.pending;
    const pending = call()
      .then((grant) => {
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
        this.current = grant;
        this.gen++;
        return grant;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
      });
    this.pending = pending;
    return pending;
  }
}
