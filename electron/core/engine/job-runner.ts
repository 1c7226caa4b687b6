import { stat } from 'node:fs/promises';
import type { ErrorInfo } from '../../../shared/domain/errors';
import type { JobStatus } from '../../../shared/domain/job-status';
import { backoffDelay, type BackoffOptions } from '../../../shared/logic/backoff';
import {
  partRange,
  planParts,
  usesSinglePut,
  type PartPlan,
  type PartRange,
} from '../../../shared/logic/part-plan';
import type { Logger } from '../log/logger';
import { crc64Combine } from '../oss/crc64';
import type { OssClient, UploadResult } from '../oss/oss-client';
import { isAuthError, isRetryableOssError, OssError } from '../oss/oss-error';
import type { ReadPart, ReadPartPool } from '../oss/read-part-pool';
import { sleep } from '../oss/token-bucket';
import type { UploadGrant, UploadTarget } from '../vod/credential-types';
import { contentTypeFor } from './content-type';
import { JobFailure, RestartUploadError, toJobFailure, UploadGoneError } from './job-failure';
import type { JobGrant } from './job-grant';
import type { PartLimiter } from './part-limiter';
import type { EngineJob, EngineSettings, JobStore, StoredPart } from './ports';
import type { ProgressTracker } from './progress-tracker';
import { sameMtime, verifySource } from './source-check';

export interface RetryPolicy {
  /** Attempts per part (and per control request) on transient errors before the job attempt fails. */
  readonly maxPartAttempts: number;
  /** Whole-job attempts on transient errors before the job is failed. */
  readonly maxJobAttempts: number;
  /** Consecutive credential refreshes after auth errors before giving up. */
  readonly maxAuthRefreshes: number;
  readonly backoff: BackoffOptions;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxPartAttempts: 8,
  maxJobAttempts: 5,
  maxAuthRefreshes: 3,
  backoff: { baseMs: 500, maxMs: 30_000, minMs: 100 },
};

export interface RunnerContext {
  readonly store: JobStore;
  readonly pool: ReadPartPool;
  readonly limiter: PartLimiter;
  readonly progress: ProgressTracker;
  readonly settings: () => EngineSettings;
  readonly clientFor: (target: UploadTarget, grant: () => UploadGrant) => OssClient;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(String(reason ?? 'aborted'));
  error.name = 'AbortError';
  return error;
}

/** Waits for `promise` but gives up at once when the signal aborts (the promise still settles on its own). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

function bareEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '').toUpperCase();
}

function md5Hex(read: ReadPart): string | undefined {
  return read.md5Base64 === undefined
    ? undefined
    : Buffer.from(read.md5Base64, 'base64').toString('hex').toUpperCase();
}

/** OSS answered with a body that does not match what we sent: re-send it. */
class IntegrityError extends Error {
  public constructor(
    public readonly code: 'PartCrcMismatch',
    message: string,
  ) {
    super(message);
    this.name = 'IntegrityError';
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof IntegrityError || isRetryableOssError(error);
}

function errorInfo(error: unknown, path: string): ErrorInfo {
  if (error instanceof IntegrityError) return { code: error.code, message: error.message };
  return toJobFailure(error, path).toErrorInfo();
}

/**
 * Runs one job to an end state: done, failed, or source-missing. Throws the abort reason when the signal
 * aborts (pause or cancel: the scheduler records which), leaving the upload id and parts for a resume.
 */
export async function runJob(
  ctx: RunnerContext,
  jobId: string,
  grant: JobGrant,
  signal: AbortSignal,
): Promise<void> {
  let restarts = 0;
  for (let attempt = 1; ; attempt++) {
    const attemptRun = new JobAttempt(ctx, jobId, grant, signal);
    try {
      await attemptRun.run();
      return;
    } catch (error) {
      ctx.progress.end(jobId);
      if (signal.aborted) throw abortReason(signal);
      const job = ctx.store.get(jobId);
      if (job === undefined) return;
      if ((error instanceof RestartUploadError || error instanceof UploadGoneError) && restarts < 5) {
        restarts++;
        attempt--;
        ctx.logger.info('upload restarts', { jobId, reason: error.message });
        attemptRun.setStatus({
          state: 'retrying',
          attempt: restarts,
          lastError: { code: error.name, message: error.message },
        });
        continue;
      }
      const failure = toJobFailure(error, job.path);
      if (failure.sourceMissing) {
        attemptRun.setStatus({ state: 'source-missing', reason: failure.message });
        return;
      }
      if (failure.retryable && attempt < ctx.retry.maxJobAttempts) {
        const delay = backoffDelay(attempt + 2, ctx.retry.backoff);
        ctx.logger.warn('job attempt failed, retrying', { jobId, attempt, code: failure.code, delay });
        attemptRun.setStatus({
          state: 'retrying',
          attempt,
          lastError: failure.toErrorInfo(),
          nextAttemptAt: Date.now() + delay,
        });
        await sleep(delay, signal).catch(() => undefined);
        if (signal.aborted) throw abortReason(signal);
        continue;
      }
      ctx.logger.warn('job failed', { jobId, code: failure.code, requestId: failure.requestId });
      attemptRun.setStatus({ state: 'failed', error: failure.toErrorInfo() });
      return;
    }
  }
}

/** One attempt at a job, from the source check to done. */
class JobAttempt {
  private job!: EngineJob;
  private target!: UploadTarget;
  private client: OssClient | undefined;
  private phase: 'uploading' | 'verifying' = 'uploading';
  private retries = 0;

  public constructor(
    private readonly ctx: RunnerContext,
    private readonly jobId: string,
    private readonly grant: JobGrant,
    private readonly signal: AbortSignal,
  ) {}

  public setStatus(status: JobStatus): void {
    const current = this.ctx.store.get(this.jobId)?.status;
    if (current !== undefined && current.state === status.state && status.state !== 'retrying') return;
    this.ctx.store.setStatus(this.jobId, status);
    this.ctx.progress.markChanged([this.jobId]);
  }

  public async run(): Promise<void> {
    const { store } = this.ctx;
    this.setStatus({ state: 'preparing' });
    const first = this.reload();
    const fingerprint = await untilAborted(verifySource(first), this.signal);
    if (fingerprint !== null) store.recordFingerprint(this.jobId, fingerprint);
    const grant = await untilAborted(this.grant.ensure(), this.signal);
    this.job = this.reload();
    this.target = grant.target;
    if (this.job.objectKey !== null && this.job.objectKey !== grant.target.objectKey)
      throw new RestartUploadError();
    this.setStatus({ state: 'uploading' });
    this.ctx.progress.begin(this.jobId, this.job.bytesDone, this.job.size);
    if (this.job.uploadId === null && usesSinglePut(this.job.size, this.ctx.settings().partSize)) {
      await this.singlePut();
    } else {
      await this.multipart();
    }
    this.ctx.progress.end(this.jobId);
  }

  private reload(): EngineJob {
    const job = this.ctx.store.get(this.jobId);
    if (job === undefined) throw new JobFailure('JobRemoved', 'The job was removed from the queue.');
    return job;
  }

  private oss(): OssClient {
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

  private noteProgress(): void {
    const state = this.ctx.store.get(this.jobId)?.status.state;
    if (state === 'retrying') this.setStatus({ state: this.phase });
  }

  /**
   * Sends one request with the retry policy: refresh ahead of expiry; on auth errors refresh (single-flight)
   * and retry at once; transient errors back off with jitter; NoSuchUpload ends the attempt as UploadGone.
   */
  private async withRetry<T>(send: () => Promise<T>): Promise<T> {
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

  /** Reads a range off the main thread and checks the file did not change under us. */
  private async read(range: PartRange, options: { md5?: boolean } = {}): Promise<ReadPart> {
    const read = await this.ctx.pool.readPart(this.job.path, range.offset, range.size, options);
    if (this.signal.aborted) throw abortReason(this.signal);
    if (
      read.fileSize !== this.job.size ||
      !sameMtime(read.mtimeMs, this.job.mtimeMs) ||
      read.bytes.length !== range.size
    ) {
      throw new JobFailure(
        'SourceChanged',
        'The file was modified while it was uploading. Remove it and add it again once it is final.',
      );
    }
    return read;
  }

  /** Sends a body, counting its bytes as in flight, and checks the CRC-64 OSS computed of it. */
  private async sendBody(
    read: ReadPart,
    send: (onProgress: (bytes: number) => void) => Promise<UploadResult>,
  ): Promise<UploadResult> {
    return this.withRetry(async () => {
      let sent = 0;
      try {
        const result = await send((bytes) => {
          sent += bytes;
          this.ctx.progress.addInFlight(this.jobId, bytes);
        });
        // OSS's CRC-64 of what it received, checked against ours, is the integrity check: a Content-MD5
        // would check the same bytes again at the cost of a second hash of every byte.
        if (result.crc64 === undefined) {
          this.ctx.logger.warn('OSS answered without x-oss-hash-crc64ecma: the part is unverified', {
            jobId: this.jobId,
          });
        } else if (result.crc64 !== read.crc64) {
          throw new IntegrityError(
            'PartCrcMismatch',
            `OSS computed CRC-64 ${result.crc64}, we sent ${read.crc64}`,
          );
        }
        return result;
      } finally {
        this.ctx.progress.addInFlight(this.jobId, -sent);
      }
    });
  }

  private async singlePut(): Promise<void> {
    const release = await this.ctx.limiter.acquire(this.job.position, this.signal);
    let read: ReadPart;
    try {
      read = await this.read({ partNumber: 1, offset: 0, size: this.job.size });
      await this.sendBody(read, (onProgress) =>
        this.oss().putObject(this.target.objectKey, read.bytes, {
          contentType: contentTypeFor(this.job.name),
          signal: this.signal,
          onProgress,
        }),
      );
    } finally {
      release();
    }
    this.ctx.progress.setConfirmed(this.jobId, this.job.size);
    this.phase = 'verifying';
    this.setStatus({ state: 'verifying' });
    this.finish(read.crc64);
  }

  private finish(crc64: string | null): void {
    // A final request that succeeded on retry leaves the job 'retrying'; done is reached only through verifying.
    this.setStatus({ state: 'verifying' });
    this.ctx.store.markDone(this.jobId, { mediaId: this.target.mediaId, crc64 });
    this.ctx.progress.markChanged([this.jobId]);
  }

  private async multipart(): Promise<void> {
    const { store } = this.ctx;
    let uploadId = this.job.uploadId;
    let plan: PartPlan = planParts(this.job.size, this.job.partSize ?? this.ctx.settings().partSize);
    let parts = new Map<number, StoredPart>();
    if (uploadId !== null) {
      const reconciled = await this.reconcile(uploadId, plan);
      if (reconciled === 'done') return;
      if (reconciled === 'gone') {
        store.resetUpload(this.jobId);
        uploadId = null;
      } else {
        parts = reconciled;
      }
    }
    if (uploadId === null) {
      plan = planParts(this.job.size, this.ctx.settings().partSize);
      const key = this.target.objectKey;
      uploadId = await this.withRetry(() =>
        this.oss().initiateMultipartUpload(key, {
          contentType: contentTypeFor(this.job.name),
          signal: this.signal,
        }),
      );
      store.recordUploadId(this.jobId, uploadId, plan.partSize);
      parts = new Map();
    }
    this.ctx.progress.setConfirmed(this.jobId, sumSizes(parts));
    const missing: number[] = [];
    for (let n = 1; n <= plan.partCount; n++) if (!parts.has(n)) missing.push(n);
    await this.sendParts(uploadId, plan, missing, parts);
    await this.complete(uploadId, plan, parts);
  }

  /**
   * ListParts (every page) against the parts on record: the server is the source of truth. A listed part
   * that matches the record is kept; one the record never saw (the process died between the PUT's answer
   * and the write) is adopted after reading it locally and matching its MD5 with the ETag, which also gives
   * its CRC; anything else is re-sent.
   */
  private async reconcile(
    uploadId: string,
    plan: PartPlan,
  ): Promise<Map<number, StoredPart> | 'done' | 'gone'> {
    const key = this.target.objectKey;
    let listed;
    try {
      listed = await this.withRetry(() => this.oss().listParts(key, uploadId, { signal: this.signal }));
    } catch (error) {
      if (!(error instanceof UploadGoneError)) throw error;
      return (await this.objectAlreadyComplete(plan)) ? 'done' : 'gone';
    }
    const recorded = new Map(this.ctx.store.listParts(this.jobId).map((p) => [p.partNumber, p]));
    const kept = new Map<number, StoredPart>();
    for (const part of listed) {
      if (part.partNumber > plan.partCount) continue;
      const range = partRange(plan, part.partNumber);
      if (part.size !== range.size) continue;
      const known = recorded.get(part.partNumber);
      if (known !== undefined && bareEtag(known.etag) === bareEtag(part.etag)) {
        kept.set(part.partNumber, known);
        continue;
      }
      const release = await this.ctx.limiter.acquire(this.job.position, this.signal);
      try {
        // A part on OSS the database never saw: its ETag is its MD5, so one read proves it is ours.
        const read = await this.read(range, { md5: true });
        if (md5Hex(read) === bareEtag(part.etag)) {
          kept.set(part.partNumber, { ...range, etag: part.etag, crc64: read.crc64 });
        }
      } finally {
        release();
      }
    }
    this.ctx.store.replaceParts(
      this.jobId,
      [...kept.values()].sort((a, b) => a.partNumber - b.partNumber),
    );
    this.ctx.logger.info('reconciled with ListParts', {
      jobId: this.jobId,
      listed: listed.length,
      recorded: recorded.size,
      kept: kept.size,
    });
    return kept;
  }

  /** NoSuchUpload: the object may already be whole (a Complete whose answer was lost). */
  private async objectAlreadyComplete(plan: PartPlan): Promise<boolean> {
    const key = this.target.objectKey;
    const head = await this.withRetry(() => this.oss().headObject(key, { signal: this.signal }));
    if (head === null || head.size !== this.job.size) return false;
    const parts = this.ctx.store.listParts(this.jobId);
    const expected = parts.length === plan.partCount ? combinedCrc(parts) : undefined;
    if (expected !== undefined && head.crc64 !== undefined && head.crc64 !== expected) return false;
    this.phase = 'verifying';
    this.setStatus({ state: 'verifying' });
    this.finish(head.crc64 ?? expected ?? null);
    return true;
  }

  private async sendParts(
    uploadId: string,
    plan: PartPlan,
    missing: readonly number[],
    parts: Map<number, StoredPart>,
  ): Promise<void> {
    const local = new AbortController();
    const onAbort = (): void => local.abort(this.signal.reason);
    this.signal.addEventListener('abort', onAbort, { once: true });
    let fatal: unknown;
    const running = new Set<Promise<void>>();
    try {
      for (const partNumber of missing) {
        if (fatal !== undefined || local.signal.aborted) break;
        let release: () => void;
        try {
          release = await this.ctx.limiter.acquire(this.job.position, local.signal);
        } catch {
          break;
        }
        const task = this.sendPart(uploadId, plan, partNumber, parts, local.signal)
          .catch((error: unknown) => {
            if (fatal === undefined) fatal = error;
            local.abort(error);
          })
          .finally(() => {
            release();
            running.delete(task);
          });
        running.add(task);
      }
      await Promise.all(running);
    } finally {
      this.signal.removeEventListener('abort', onAbort);
    }
    if (this.signal.aborted) throw abortReason(this.signal);
    if (fatal !== undefined) throw fatal;
  }

  private async sendPart(
    uploadId: string,
    plan: PartPlan,
    partNumber: number,
    parts: Map<number, StoredPart>,
    signal: AbortSignal,
  ): Promise<void> {
    const range = partRange(plan, partNumber);
    const read = await this.read(range);
    if (signal.aborted) throw abortReason(signal);
    const key = this.target.objectKey;
    const result = await this.sendBody(read, (onProgress) =>
      this.oss().uploadPart(key, uploadId, partNumber, read.bytes, {
        signal,
        onProgress,
      }),
    );
    // Answered: every write of the body has completed, so its buffer can serve the next read.
    this.ctx.pool.recycle(read);
    const part: StoredPart = { ...range, etag: result.etag, crc64: read.crc64 };
    this.ctx.store.recordPart(this.jobId, part);
    parts.set(partNumber, part);
    this.ctx.progress.confirmPart(this.jobId, range.size, 0);
    this.noteProgress();
  }

  private async complete(uploadId: string, plan: PartPlan, parts: Map<number, StoredPart>): Promise<void> {
    this.phase = 'verifying';
    this.setStatus({ state: 'verifying' });
    const ordered = [...parts.values()].sort((a, b) => a.partNumber - b.partNumber);
    if (ordered.length !== plan.partCount) {
      throw new JobFailure(
        'PartsMissing',
        `Only ${ordered.length} of ${plan.partCount} parts are uploaded.`,
        {
          retryable: true,
        },
      );
    }
    // A file modified between its first and last part would upload a mix of versions: refuse it.
    const info = await stat(this.job.path).catch(() => undefined);
    if (info !== undefined && (info.size !== this.job.size || !sameMtime(info.mtimeMs, this.job.mtimeMs))) {
      throw new JobFailure('SourceChanged', 'The file was modified while it was uploading.');
    }
    const expected = combinedCrc(ordered);
    const key = this.target.objectKey;
    let result: UploadResult;
    try {
      result = await this.withRetry(() =>
        this.oss().completeMultipartUpload(key, uploadId, ordered, { signal: this.signal }),
      );
    } catch (error) {
      if (error instanceof UploadGoneError && (await this.objectAlreadyComplete(plan))) return;
      throw error;
    }
    if (result.crc64 !== undefined && result.crc64 !== expected) {
      this.ctx.store.resetUpload(this.jobId);
      throw new JobFailure(
        'ObjectCrcMismatch',
        `The uploaded object's CRC-64 (${result.crc64}) does not match the file's (${expected}). Retry to upload it again.`,
        { requestId: result.requestId },
      );
    }
    this.finish(result.crc64 ?? expected);
  }
}

function sumSizes(parts: ReadonlyMap<number, StoredPart>): number {
  let total = 0;
  for (const part of parts.values()) total += part.size;
  return total;
}

/** The whole object's CRC-64 from the part CRCs, in part order: no second read of the file. */
export function combinedCrc(parts: readonly StoredPart[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  let crc = '0';
  for (const part of sorted) crc = crc64Combine(crc, part.crc64, part.size);
  return crc;
}
