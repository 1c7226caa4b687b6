import { crc64Combine } from './crc64';
import type { StreamedBody } from './http-transport';
import type { ReadPart, ReadPartPool } from './read-part-pool';

/**
 * Chunks of 512 KiB: small enough that 64 connections with one chunk being written and one read ahead each
 * hold 64 MiB, large enough that the worker round trip per chunk costs nothing at loopback speed.
 */
export const STREAM_CHUNK_BYTES = 512 * 1024;

/** The file as the job recorded it: a chunk read from anything else means the file changed. */
export interface ExpectedSource {
  readonly path: string;
  readonly fileSize: number;
  readonly mtimeMatches: (mtimeMs: number) => boolean;
}

/** A chunk showed a file other than the one queued (size or mtime changed, or it ended early). */
export class SourceChangedError extends Error {
  public constructor() {
    super('The file was modified while it was uploading.');
    this.name = 'SourceChangedError';
  }
}

/**
 * One part's body, read from disk chunk by chunk by the read pool's workers (which compute each chunk's
 * CRC-64 with the WASM CRC) into the socket, one chunk read ahead. The part's CRC-64 is combined from the
 * chunks' as they go, so it is known once the last byte is written; memory is two chunks whatever the
 * part size (a 5 GiB part never becomes one Buffer). Nothing is kept between readings: each call of
 * chunks() (a retry, or the client re-sending after correcting its clock) reads the part from disk again.
 */
export class PartStream implements StreamedBody {
  private crc: string | undefined;
  private streamed = 0;
  private generation = 0;

  public constructor(
    private readonly pool: ReadPartPool,
    private readonly source: ExpectedSource,
    private readonly offset: number,
    public readonly size: number,
    private readonly chunkBytes = STREAM_CHUNK_BYTES,
    public readonly bytesPerSecond?: number,
  ) {}

  /** The CRC-64 of the whole part, once every chunk has been handed out. */
  public get crc64(): string {
    if (this.crc === undefined || this.streamed !== this.size) {
      throw new Error('The part has not been streamed to its end');
    }
    return this.crc;
  }

  public async *chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    // A reading left behind by a failed send must not touch the CRC of the one that replaced it.
    const generation = ++this.generation;
    this.crc = undefined;
    this.streamed = 0;
    let at = 0;
    let next: Promise<ReadPart> | undefined = this.size > 0 ? this.readAt(0) : undefined;
    // Stopped early (abort, failure), the read ahead is dropped: its buffer is left to the collector.
    while (next !== undefined) {
      const read = await next;
      if (generation !== this.generation) return;
      this.check(read, at);
      at += read.bytesRead;
      next = at < this.size ? this.readAt(at) : undefined;
      this.crc = this.crc === undefined ? read.crc64 : crc64Combine(this.crc, read.crc64, read.bytesRead);
      this.streamed = at;
      yield read.bytes;
    }
    if (this.size === 0) this.crc = '0';
  }

  /** The transport wrote every byte of `chunk`: its buffer can hold the next read. */
  public written(chunk: Uint8Array): void {
    this.pool.recycle({ bytes: chunk });
  }

  private readAt(at: number): Promise<ReadPart> {
    const read = this.pool.readPart(
      this.source.path,
      this.offset + at,
      Math.min(this.chunkBytes, this.size - at),
    );
    // The read ahead may fail (the pool closed at shutdown) while the generator waits at its yield, or after
    // the transport dropped the generator: marked handled here, and still thrown to the loop that awaits it.
    read.catch(() => undefined);
    return read;
  }

  private check(read: ReadPart, at: number): void {
    const short = read.bytesRead !== Math.min(this.chunkBytes, this.size - at);
    if (short || read.fileSize !== this.source.fileSize || !this.source.mtimeMatches(read.mtimeMs)) {
      throw new SourceChangedError();
    }
  }
}
