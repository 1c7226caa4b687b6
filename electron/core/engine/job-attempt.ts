import type { ErrorInfo } from '../../../shared/domain/errors';
import type { JobStatus } from '../../../shared/domain/job-status';
import { canTransition } from '../../../shared/domain/job-transitions';
import { backoffDelay } from '../../../shared/logic/backoff';
import { usesSinglePut, type PartRange } from '../../../shared/logic/part-plan';
import type { OssClient, UploadResult } from '../oss/oss-client';
import { OriginError } from '../net/origin-client';
import { isAuthError, isRetryableOssError, OssError } from '../oss/oss-error';
import { sleep } from '../oss/token-bucket';
import type { UploadTarget } from '../vod/credential-types';
import { abortSuperseded } from './abort-upload';
import { contentTypeFor } from './content-type';
import { abortReason, EngineAbort, stopIfDraining, untilAborted } from './engine-abort';
import { bareEtag, JobFailure, RestartUploadError, toJobFailure, UploadGoneError } from './job-failure';
import type { JobGrant } from './job-grant';
import { FileSource, type JobSource, type PartBody, type RangeHashes } from './job-source';
import { LinkSource } from './link-source';
import { uploadMultipart } from './multipart-transfer';
import type { EngineJob } from './ports';
import type { RunnerContext } from './runner-context';
import type { SentRange, UploadAttempt } from './upload-attempt';

/** OSS answered with a body that does not match what we sent: re-send it. */
class IntegrityError extends Error {
  public constructor(
    public readonly code: 'PartCrcMismatch' | 'PartMd5Mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'IntegrityError';
  }
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof IntegrityError ||
    isRetryableOssError(error) ||
    (error instanceof OriginError && error.retryable)
  );
}

/** The server says it is overloaded: fewer connections at once, not just a retry. */
function isOverload(error: unknown): boolean {
  if (!(error instanceof OssError)) return false;
  return error.status === 503 || error.status === 429 || /Throttl|SlowDown|TooManyRequests/.test(error.code);
}

function errorInfo(error: unknown, path: string): ErrorInfo {
  if (error instanceof IntegrityError) return { code: error.code, message: error.message };
  return toJobFailure(error, path).toErrorInfo();
}

/** One attempt at a job, from the source check to done. */
export class JobAttempt implements UploadAttempt {
  private jobValue: EngineJob | undefined;
  private targetValue: UploadTarget | undefined;
  private client: OssClient | undefined;
  private phase: 'uploading' | 'verifying' = 'uploading';
  private retries = 0;
  private mediaBeforeGrant = false;
  /** A file on disk, or a link this machine relays. */
  public readonly source: JobSource;

  public constructor(
    public readonly ctx: RunnerContext,
    public readonly jobId: string,
    private readonly grant: JobGrant,
    public readonly signal: AbortSignal,
    public readonly draining: AbortSignal,
  ) {
    const relay = ctx.relay;
    this.source =
      relay !== undefined && relay.get(jobId)?.mode === 'relay'
        ? new LinkSource(relay, jobId, signal, ctx.originIdleTimeoutMs)
        : new FileSource(ctx.pool, signal, () => ctx.concurrency.path.perConnectionBytesPerSecond);
  }

  public get job(): EngineJob {
    if (this.jobValue === undefined) throw new Error('The attempt has not loaded its job yet');
    return this.jobValue;
  }

  public get target(): UploadTarget {
    if (this.targetValue === undefined) throw new Error('The attempt has no upload target yet');
    return this.targetValue;
  }

  public setStatus(status: JobStatus): void {
    const current = this.ctx.store.get(this.jobId)?.status;
    if (current !== undefined && current.state === status.state && status.state !== 'retrying') return;
    this.ctx.store.setStatus(this.jobId, status);
    this.ctx.progress.markChanged([this.jobId]);
  }

  public async run(): Promise<void> {
    const { store } = this.ctx;
    // An attempt that follows a move to a new object key goes on from 'uploading': the move was no failure.
    const current = store.get(this.jobId)?.status.state;
    if (current === undefined || canTransition(current, 'preparing')) this.setStatus({ state: 'preparing' });
    const first = this.reload();
    this.mediaBeforeGrant = first.mediaId !== null && first.uploadId === null;
    const fingerprint = await untilAborted(this.source.check(first), this.signal);
    if (fingerprint !== null) store.recordFingerprint(this.jobId, fingerprint);
    const grant = await untilAborted(this.grant.ensure(), this.signal);
    // A grant for a new object key (RefreshUploadVideo may hand one out): the old key's upload goes first.
    await abortSuperseded(this.ctx, this.jobId, this.grant.takeSuperseded());
    this.jobValue = this.reload();
    this.targetValue = grant.target;
    if (this.job.objectKey !== null && this.job.objectKey !== grant.target.objectKey)
      throw new RestartUploadError();
    // 'uploading' only once a request holds a slot: a file waiting behind others stays 'preparing' rather
    // than show "Uploading 0%" for minutes.
    this.ctx.progress.begin(this.jobId, this.job.bytesDone, this.job.size);
    // A drain lets the create and grant calls above finish (their answers are recorded) but starts no transfer.
    stopIfDraining(this.draining);
    if (this.job.uploadId === null && usesSinglePut(this.job.size, this.ctx.settings().partSize)) {
      await this.singlePut();
    } else {
      await uploadMultipart(this);
    }
    this.ctx.progress.end(this.jobId);
  }

  public get mayHaveUnrecordedUpload(): boolean {
    return this.mediaBeforeGrant;
  }

  public dropUnrecordedUploads(): Promise<void> {
    return this.grant.dropUnrecordedUploads(this.job);
  }

  private reload(): EngineJob {
    const job = this.ctx.store.get(this.jobId);
    if (job === undefined) throw new JobFailure('JobRemoved', 'The job was removed from the queue.');
    return job;
  }

  public oss(): OssClient {
    const current = this.grant.grant;
    if (current === undefined) throw new Error('No upload grant');
    const t = current.target;
    if (this.client === undefined || this.client.endpoint !== t.endpoint || this.client.bucket !== t.bucket) {
      this.client = this.ctx.clientFor(t, () => this.grant.grant ?? current);
    }
    return this.client;
  }

  /** After a refresh, an image or attached media comes back with a new media ID and key: start over. */
  private assertSameTarget(): void {
    const t = this.grant.grant?.target;
    if (t === undefined || t.objectKey !== this.target.objectKey || t.mediaId !== this.target.mediaId) {
      throw new RestartUploadError();
    }
  }

  private noteRetry(error: unknown): void {
    this.retries++;
    this.setStatus({ state: 'retrying', attempt: this.retries, lastError: errorInfo(error, this.job.path) });
  }

  public noteProgress(): void {
    const state = this.ctx.store.get(this.jobId)?.status.state;
    if (state === 'retrying') this.setStatus({ state: this.phase });
  }

  /** A request of this job holds a slot: bytes are about to move. */
  public enterUploading(): void {
    const state = this.ctx.store.get(this.jobId)?.status.state;
    if (state === 'preparing') this.setStatus({ state: 'uploading' });
  }

  public enterVerifying(): void {
    this.phase = 'verifying';
    this.setStatus({ state: 'verifying' });
  }

  /**
   * Sends one request with the retry policy: refresh ahead of expiry; on auth errors refresh (single-flight)
   * and retry at once; transient errors back off with jitter; NoSuchUpload ends the attempt as UploadGone.
   */
  public async withRetry<T>(send: () => Promise<T>): Promise<T> {
    let refreshes = 0;
    for (let attempt = 1; ;) {
      if (this.grant.needsRefresh()) {
        await untilAborted(this.grant.refresh('expiring', this.grant.generation), this.signal);
        this.assertSameTarget();
      }
      const generation = this.grant.generation;
      try {
        return await send();
      } catch (error) {
        if (this.signal.aborted) throw abortReason(this.signal);
        if (error instanceof OssError && error.code === 'NoSuchUpload') throw new UploadGoneError();
        if (isAuthError(error) && refreshes < this.ctx.retry.maxAuthRefreshes) {
          refreshes++;
          this.ctx.logger.info('credential refused, refreshing', {
            jobId: this.jobId,
            code: (error as OssError).code,
          });
          await untilAborted(this.grant.refresh('auth-error', generation), this.signal);
          this.assertSameTarget();
          continue;
        }
        if (isTransient(error)) this.ctx.concurrency.onError(isOverload(error));
        if (isTransient(error) && attempt < this.ctx.retry.maxPartAttempts) {
          this.noteRetry(error);
          await sleep(backoffDelay(attempt, this.ctx.retry.backoff), this.signal);
          attempt++;
          continue;
        }
        throw error;
      }
    }
  }

  /** Reads a range again (from disk, or the link) for its CRC-64 and, when asked, its MD5. */
  public read(range: PartRange, options: { md5?: boolean } = {}): Promise<RangeHashes> {
    return this.source.hash(this.job, range, options);
  }

  /**
   * Sends a range streamed from disk (every try reads it again), counting its bytes as in flight while they
   * go, and checks the CRC-64 OSS computed of it against the one computed on the way.
   */
  public async sendRange(
    range: PartRange,
    send: (body: PartBody, onProgress: (bytes: number) => void) => Promise<UploadResult>,
  ): Promise<SentRange> {
    return this.withRetry(async () => {
      const body = this.source.body(this.job, range);
      const started = performance.now();
      let sent = 0;
      try {
        const result = await send(body, (bytes) => {
          sent += bytes;
          this.ctx.progress.addInFlight(this.jobId, bytes);
          this.ctx.concurrency.onBytes(bytes);
        });
        this.ctx.concurrency.onSuccess();
        this.ctx.concurrency.onRequest(range.size, performance.now() - started);
        // OSS's CRC-64 of what it received, checked against ours, is the integrity check: a Content-MD5
        // would check the same bytes again at the cost of a second hash of every byte.
        if (result.crc64 === undefined) {
          await this.verifyByEtag(range, result);
        } else if (result.crc64 !== body.crc64) {
          throw new IntegrityError(
            'PartCrcMismatch',
            `OSS computed CRC-64 ${result.crc64}, we sent ${body.crc64}`,
          );
        }
        return { result, crc64: body.crc64 };
      } finally {
        this.ctx.progress.addInFlight(this.jobId, -sent);
      }
    });
  }

  /**
   * An answer without x-oss-hash-crc64ecma: the body's ETag is OSS's MD5 of what it received (documented
   * for UploadPart and PutObject), so the MD5 of what we sent, computed only now (the range read from disk
   * again: the streamed body is gone), checks it. An ETag that is no MD5 leaves nothing to check with: the job
   * fails rather than be called done unchecked.
   */
  private async verifyByEtag(range: PartRange, result: UploadResult): Promise<void> {
    const etag = bareEtag(result.etag);
    if (!/^[0-9A-F]{32}$/.test(etag)) {
      throw new JobFailure(
        'UploadUnverified',
        `OSS answered without a CRC-64 and with an ETag (${result.etag}) that is no MD5: the upload cannot be checked, so it is not counted as done.`,
        { requestId: result.requestId },
      );
    }
    const digest = await this.read(range, { md5: true });
    const md5 = Buffer.from(digest.md5Base64 ?? '', 'base64')
      .toString('hex')
      .toUpperCase();
    if (md5 !== etag) {
      throw new IntegrityError('PartMd5Mismatch', `OSS received a body with MD5 ${etag}, we sent ${md5}`);
    }
    this.ctx.logger.info('no CRC-64 in the answer: body checked by MD5 against its ETag', {
      jobId: this.jobId,
    });
  }

  private async singlePut(): Promise<void> {
    let release: () => void;
    try {
      release = await this.ctx.limiter.acquire(
        this.job.position,
        AbortSignal.any([this.signal, this.draining]),
        true,
      );
    } catch (error) {
      if (this.signal.aborted) throw abortReason(this.signal);
      if (this.draining.aborted) throw new EngineAbort('drain');
      throw error;
    }
    this.enterUploading();
    let sent: SentRange;
    try {
      sent = await this.sendRange({ partNumber: 1, offset: 0, size: this.job.size }, (body, onProgress) =>
        this.oss().putObject(this.target.objectKey, body, {
          contentType: contentTypeFor(this.job.name),
          signal: this.signal,
          onProgress,
          onRoundTrip: (ms) => this.ctx.concurrency.onRoundTrip(ms),
        }),
      );
    } finally {
      release();
    }
    this.ctx.progress.setConfirmed(this.jobId, this.job.size);
    this.enterVerifying();
    this.finish(sent.crc64);
  }

  public finish(crc64: string | null): void {
    // A final request that succeeded on retry leaves the job 'retrying'; done is reached only through verifying.
    this.setStatus({ state: 'verifying' });
    this.ctx.store.markDone(this.jobId, { mediaId: this.target.mediaId, crc64 });
    this.source.finished(this.job);
    this.ctx.progress.markChanged([this.jobId]);
  }
}
