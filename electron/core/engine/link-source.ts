import { createHash } from 'node:crypto';
import type { PartRange } from '../../../shared/logic/part-plan';
import type { UrlMode } from '../../../shared/logic/source-url';
import {
  fetchOrigin,
  OriginError,
  probeOrigin,
  startFromContentRange,
  totalFromContentRange,
  validatorsOf,
  type OriginInfo,
  type OriginResponse,
} from '../net/origin-client';
import { createCrc64Hasher } from '../oss/crc64-implementation';
import { abortReason } from './engine-abort';
import { JobFailure } from './job-failure';
import type { JobSource, PartBody, RangeHashes } from './job-source';
import type { EngineJob } from './ports';

/** What the origin served when the job first read it: later reads must find the same content. */
export interface PinnedOrigin {
  readonly size: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** The url_sources rows relay reads and writes (queue/url-sources-repository.ts). */
export interface RelaySources {
  get(jobId: string):
    | {
        readonly url: string | null;
        readonly mode: UrlMode;
        readonly originEtag: string | null;
        readonly originModified: string | null;
        readonly originSize: number | null;
      }
    | undefined;
  /** Pins the origin and sets the job's size, in one write. */
  pinOrigin(jobId: string, origin: PinnedOrigin): void;
  /** The content changed and the upload was given up: a retry pins what the link serves then. */
  unpinOrigin(jobId: string): void;
  forgetUrl(jobId: string): void;
}

/** Why the origin's answer is not the pinned content; null when it is the same. */
export function originChange(pinned: PinnedOrigin, seen: PinnedOrigin): string | null {
  if (seen.size !== pinned.size) return `its size went from ${pinned.size} to ${seen.size} bytes`;
  if (pinned.etag !== null && seen.etag !== pinned.etag) {
    return seen.etag === null
      ? `it no longer sends its ETag (${pinned.etag})`
      : `its ETag went from ${pinned.etag} to ${seen.etag}`;
  }
  if (pinned.etag === null && pinned.lastModified !== null && seen.lastModified !== pinned.lastModified) {
    return `its Last-Modified went from ${pinned.lastModified} to ${seen.lastModified ?? '(none)'}`;
  }
  return null;
}

export function sourceChanged(reason: string): JobFailure {
  return new JobFailure(
    'SourceChanged',
    `The link's content changed since its upload started (${reason}), so it was not uploaded as a mix of two versions; what was sent of it is deleted. Retry to upload what the link serves now.`,
  );
}

/** A strong ETag can go in If-Range (RFC 9110 §13.1.5); a weak one cannot. */
function strongEtag(etag: string | null): string | undefined {
  return etag !== null && !etag.startsWith('W/') ? etag : undefined;
}

/**
 * A link relayed by this machine (relay mode): the first byte is asked once to pin the size and validators
 * (ETag, else Last-Modified); each part is a ranged GET (If-Range with the pinned ETag) streamed into the
 * upload with its CRC-64 computed on the way, so no file is written and memory stays a few socket buffers.
 * Every answer is checked against the pin, on every attempt and before Complete: changed content fails the
 * job (SourceChanged), never uploaded. An origin that ignores Range is read as one stream, parts in order.
 */
export class LinkSource implements JobSource {
  private pinned: PinnedOrigin | undefined;
  private ranges = true;
  private stream: SequentialRead | undefined;

  public constructor(
    private readonly sources: RelaySources,
    private readonly jobId: string,
    private readonly signal: AbortSignal,
    private readonly idleTimeoutMs?: number,
  ) {}

  public get sequential(): boolean {
    return !this.ranges;
  }

  private url(): string {
    const url = this.sources.get(this.jobId)?.url;
    if (!url)
      throw new JobFailure('UrlMissing', 'The link of this job is no longer on record; add it again.');
    return url;
  }

  private pin(): PinnedOrigin {
    if (this.pinned === undefined) throw new Error('The link has not been checked yet');
    return this.pinned;
  }

  private request(): { signal: AbortSignal; idleTimeoutMs?: number } {
    return {
      signal: this.signal,
      ...(this.idleTimeoutMs !== undefined ? { idleTimeoutMs: this.idleTimeoutMs } : {}),
    };
  }

  public async check(): Promise<string | null> {
    const row = this.sources.get(this.jobId);
    const info = await probeOrigin(this.url(), this.request());
    const seen = { size: info.size, etag: info.etag, lastModified: info.lastModified };
    if (row?.originSize === null || row?.originSize === undefined) {
      this.sources.pinOrigin(this.jobId, seen);
      this.pinned = seen;
    } else {
      this.pinned = { size: row.originSize, etag: row.originEtag, lastModified: row.originModified };
      const change = originChange(this.pinned, seen);
      if (change !== null) throw sourceChanged(change);
    }
    this.ranges = info.ranges;
    if (info.size === 0)
      throw new JobFailure('EmptyFile', 'The link serves an empty file (0 bytes); VOD does not accept it.');
    return null;
  }

  public body(_job: EngineJob, range: PartRange): PartBody {
    return new HashedBody(range.size, () =>
      this.ranges ? this.rangedRead(range) : this.sequentialRead().read(range.offset, range.size),
    );
  }

  public async hash(job: EngineJob, range: PartRange, options: { md5?: boolean }): Promise<RangeHashes> {
    const body = this.body(job, range);
    const md5 = options.md5 === true ? createHash('md5') : undefined;
    for await (const chunk of body.chunks()) md5?.update(chunk);
    return { crc64: body.crc64, md5Base64: md5?.digest('base64') };
  }

  public async checkUnchanged(): Promise<void> {
    const info: OriginInfo = await probeOrigin(this.url(), this.request());
    const change = originChange(this.pin(), {
      size: info.size,
      etag: info.etag,
      lastModified: info.lastModified,
    });
    if (change !== null) throw sourceChanged(change);
  }

  public finished(): void {
    this.stream?.close();
    this.sources.forgetUrl(this.jobId);
  }

  /** One part: a ranged GET whose answer must be 206 for exactly this range of the pinned content. */
  private async *rangedRead(range: PartRange): AsyncGenerator<Buffer, void, undefined> {
    const pinned = this.pin();
    const ifRange = strongEtag(pinned.etag);
    const res = await fetchOrigin(this.url(), {
      ...this.request(),
      range: { start: range.offset, end: range.offset + range.size - 1 },
      ...(ifRange !== undefined ? { ifRange } : {}),
    });
    try {
      const v = validatorsOf(res.headers);
      const total =
        res.status === 206
          ? totalFromContentRange(res.headers['content-range'])
          : Number(res.headers['content-length']);
      const change = originChange(pinned, { size: total ?? -1, ...v });
      if (change !== null) throw sourceChanged(change);
      if (res.status !== 206) {
        // Same validators, yet the whole file: the origin stopped honouring Range. The next attempt reads it as
        // one stream (its probe will say so).
        throw new OriginError(
          'OriginRangeIgnored',
          'The link answered a ranged request with the whole file.',
          true,
        );
      }
      if (startFromContentRange(res.headers['content-range']) !== range.offset) {
        throw new OriginError(
          'OriginRangeWrong',
          'The link answered a ranged request with another range.',
          true,
        );
      }
      yield* res.body;
    } finally {
      res.close();
    }
  }

  private sequentialRead(): SequentialRead {
    this.stream ??= new SequentialRead(async () => {
      const res = await fetchOrigin(this.url(), this.request());
      const length = Number(res.headers['content-length'] ?? -1);
      const change = originChange(this.pin(), { size: length, ...validatorsOf(res.headers) });
      if (change !== null) {
        res.close();
        throw sourceChanged(change);
      }
      return res;
    }, this.signal);
    return this.stream;
  }
}

/**
 * The body of one part: counts and CRCs what the read yields, and fails as a dropped download when the read
 * ends short. A reading left behind by a failed send must not touch the CRC of the one that replaced it.
 */
class HashedBody implements PartBody {
  private crc: string | undefined;
  private generation = 0;

  public constructor(
    public readonly size: number,
    private readonly read: () => AsyncIterable<Buffer>,
  ) {}

  public get crc64(): string {
    if (this.crc === undefined) throw new Error('The part has not been streamed to its end');
    return this.crc;
  }

  public async *chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    const generation = ++this.generation;
    this.crc = undefined;
    // On the main thread: the native addon when there is one (crc64-implementation.ts), else the JS table.
    const crc = createCrc64Hasher();
    let got = 0;
    for await (const chunk of this.read()) {
      if (generation !== this.generation) return;
      const part = got + chunk.length > this.size ? chunk.subarray(0, this.size - got) : chunk;
      crc.update(part);
      got += part.length;
      yield part;
      if (got === this.size) break;
    }
    if (got !== this.size) {
      throw new OriginError(
        'OriginDropped',
        `The link's download ended after ${got} of ${this.size} bytes.`,
        true,
      );
    }
    this.crc = crc.digest();
  }
}

/**
 * An origin that ignores Range, read as one stream: parts are taken in order from one GET. A part asked for
 * behind the stream's position (a retry, a resume) starts the download again from byte 0 and skips ahead.
 */
class SequentialRead {
  private res: OriginResponse | undefined;
  private iterator: AsyncIterator<Buffer> | undefined;
  private pending: Buffer | undefined;
  private pos = 0;

  public constructor(
    private readonly open: () => Promise<OriginResponse>,
    private readonly signal: AbortSignal,
  ) {}

  public close(): void {
    this.res?.close();
    this.res = undefined;
    this.iterator = undefined;
    this.pending = undefined;
    this.pos = 0;
  }

  private async next(): Promise<Buffer> {
    if (this.pending !== undefined) {
      const chunk = this.pending;
      this.pending = undefined;
      return chunk;
    }
    if (this.signal.aborted) throw abortReason(this.signal);
    const step = await this.iterator!.next();
    if (step.done === true) {
      throw new OriginError('OriginDropped', `The link's download ended after ${this.pos} bytes.`, true);
    }
    return step.value;
  }

  public async *read(offset: number, size: number): AsyncGenerator<Buffer, void, undefined> {
    let ok = false;
    try {
      if (this.iterator === undefined || this.pos > offset) {
        this.close();
        this.res = await this.open();
        this.iterator = this.res.body[Symbol.asyncIterator]();
      }
      while (this.pos < offset) {
        const chunk = await this.next();
        const skip = offset - this.pos;
        if (chunk.length > skip) this.pending = chunk.subarray(skip);
        this.pos += Math.min(skip, chunk.length);
      }
      let left = size;
      while (left > 0) {
        let chunk = await this.next();
        if (chunk.length > left) {
          this.pending = chunk.subarray(left);
          chunk = chunk.subarray(0, left);
        }
        left -= chunk.length;
        this.pos += chunk.length;
        // The reader may stop at the last chunk (it has the whole part): the stream is where the next starts.
        if (left === 0) ok = true;
        yield chunk;
      }
      ok = true;
    } finally {
      // Stopped mid-part (a failed send, a drop): the stream is not where the next part starts.
      if (!ok) this.close();
    }
  }
}
