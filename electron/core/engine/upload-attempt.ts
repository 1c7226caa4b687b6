import type { PartRange } from '../../../shared/logic/part-plan';
import type { OssClient, UploadResult } from '../oss/oss-client';
import type { UploadTarget } from '../vod/credential-types';
import type { JobSource, PartBody, RangeHashes } from './job-source';
import type { EngineJob } from './ports';
import type { RunnerContext } from './runner-context';

/** A range OSS accepted, with the CRC-64 computed while it was sent. */
export interface SentRange {
  readonly result: UploadResult;
  readonly crc64: string;
}

/**
 * One attempt at a job as the transfer steps (multipart-transfer.ts, part-reconciliation.ts) see it: the job
 * and its OSS target as they stood when the attempt got its grant, and the attempt's request plumbing (retry
 * policy, reads off the main thread, CRC-checked sends, status changes). JobAttempt implements it.
 */
export interface UploadAttempt {
  readonly ctx: RunnerContext;
  readonly jobId: string;
  readonly job: EngineJob;
  readonly target: UploadTarget;
  readonly signal: AbortSignal;
  /**
   * Fires when the engine drains: start no new request (part, PUT, Complete of an unsent upload), let those
   * in flight finish and be recorded, then stop with EngineAbort('drain'). `signal` still aborts everything.
   */
  readonly draining: AbortSignal;
  /** The OSS client for the current grant (a refresh to another endpoint or bucket builds a new one). */
  oss(): OssClient;
  /** Sends one request with the retry policy (credential refresh, backoff; NoSuchUpload → UploadGoneError). */
  withRetry<T>(send: () => Promise<T>): Promise<T>;
  /** Where the bytes come from: a file on disk, or a link this machine relays (job-source.ts). */
  readonly source: JobSource;
  /** Reads a range again (from disk, or the link) for its CRC-64 and, when asked, its MD5. */
  read(range: PartRange, options?: { md5?: boolean }): Promise<RangeHashes>;
  /**
   * Sends a range streamed from its source with the retry policy (each try reads it again), counting its bytes as
   * in flight, and checks the CRC-64 OSS computed of it against the one computed on the way.
   */
  sendRange(
    range: PartRange,
    send: (body: PartBody, onProgress: (bytes: number) => void) => Promise<UploadResult>,
  ): Promise<SentRange>;
  /**
   * True when a multipart upload may be open on the key without its upload id on record: the media existed
   * before this attempt (an earlier one, or an earlier process, may have started an upload and lost its answer).
   */
  readonly mayHaveUnrecordedUpload: boolean;
  /** Drops the uploads open on a video's key before a new one starts (job-grant.ts); no-op for other kinds. */
  dropUnrecordedUploads(): Promise<void>;
  /** A request of this job holds a slot: preparing → uploading (once). */
  enterUploading(): void;
  /** Every byte is on OSS: what is left is the whole-object check (retries come back to verifying). */
  enterVerifying(): void;
  /** verifying → done with the history row. */
  finish(crc64: string | null): void;
  /** A part was confirmed: a job shown as retrying is moving again. */
  noteProgress(): void;
}
