import { stat } from 'node:fs/promises';
import type { PartRange } from '../../../shared/logic/part-plan';
import type { StreamedBody } from '../oss/http-transport';
import { PartStream, SourceChangedError, STREAM_CHUNK_BYTES } from '../oss/part-stream';
import type { ReadPartPool } from '../oss/read-part-pool';
import { abortReason } from './engine-abort';
import { JobFailure } from './job-failure';
import type { EngineJob } from './ports';
import { sameMtime, verifySource } from './source-check';

/** One part's body as the transport streams it, with the CRC-64 of what it handed out. */
export interface PartBody extends StreamedBody {
  /** Known once every byte has been handed out (throws before). */
  readonly crc64: string;
}

/** The digests of one range, read on their own (reconciling a part, or checking an answer without CRC). */
export interface RangeHashes {
  readonly crc64: string;
  readonly md5Base64: string | undefined;
}

/**
 * Where a job's bytes come from: a file on disk or a link (relay mode, link-source.ts). The transfer steps
 * (job-attempt.ts, multipart-transfer.ts) read parts only through this, so a part is read from disk or
 * downloaded with the same CRC-64 on the way, the same retries and the same checks that the source did not
 * change under the upload.
 */
export interface JobSource {
  /**
   * Before any byte of an attempt: the source still is what was queued (a link's size and validators are
   * pinned here the first time, and the job's size set). Returns a fingerprint to record (files), or null.
   */
  check(job: EngineJob): Promise<string | null>;
  /** One range's body; each call of its chunks() (a retry) reads the range again. */
  body(job: EngineJob, range: PartRange): PartBody;
  /** CRC-64 (and MD5 when asked) of a range, read again. */
  hash(job: EngineJob, range: PartRange, options: { md5?: boolean }): Promise<RangeHashes>;
  /** Before Complete: nothing changed since the first part was read (else SourceChanged). */
  checkUnchanged(job: EngineJob): Promise<void>;
  /** Parts must be read in order, one at a time (a link whose origin ignores Range). */
  readonly sequential: boolean;
  /** The job is done: drop what is no longer needed (a link's full URL). */
  finished(job: EngineJob): void;
}

/** A local file: parts streamed from disk by the read pool's workers, size and mtime checked on every read. */
export class FileSource implements JobSource {
  public readonly sequential = false;

  public constructor(
    private readonly pool: ReadPartPool,
    private readonly signal: AbortSignal,
    /** The connection's measured rate, when known: the transport then writes whole chunks. */
    private readonly rate: () => number | undefined = () => undefined,
  ) {}

  public check(job: EngineJob): Promise<string | null> {
    return verifySource(job);
  }

  public body(job: EngineJob, range: PartRange): PartBody {
    const source = {
      path: job.path,
      fileSize: job.size,
      mtimeMatches: (mtimeMs: number) => sameMtime(mtimeMs, job.mtimeMs),
    };
    return new PartStream(this.pool, source, range.offset, range.size, STREAM_CHUNK_BYTES, this.rate());
  }

  public async hash(job: EngineJob, range: PartRange, options: { md5?: boolean }): Promise<RangeHashes> {
    const read = await this.pool.hashRange(job.path, range.offset, range.size, options);
    if (this.signal.aborted) throw abortReason(this.signal);
    if (
      read.fileSize !== job.size ||
      !sameMtime(read.mtimeMs, job.mtimeMs) ||
      read.bytesRead !== range.size
    ) {
      throw new SourceChangedError();
    }
    return read;
  }

  public async checkUnchanged(job: EngineJob): Promise<void> {
    // A file modified between its first and last part would upload a mix of versions: refuse it.
    const info = await stat(job.path).catch(() => undefined);
    if (info !== undefined && (info.size !== job.size || !sameMtime(info.mtimeMs, job.mtimeMs))) {
      throw new JobFailure('SourceChanged', 'The file was modified while it was uploading.');
    }
  }

  public finished(): void {}
}
