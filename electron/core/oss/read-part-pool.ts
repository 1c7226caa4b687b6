import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { crc64Implementation, type Crc64Choice } from './crc64-implementation';
import { READ_PART_WORKER_SOURCE } from './read-part-worker-source';

// The eval'd worker cannot resolve packages itself (its require is relative to the working directory):
// hand it hash-wasm's absolute path. __filename in the CommonJS bundle, import.meta.url under tsx/vitest.
const localRequire = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
const HASH_WASM_PATH = localRequire.resolve('hash-wasm');

/** The digests of a byte range, computed off the main thread, and the file as it stood at the read. */
export interface RangeDigest {
  /** CRC-64/XZ as a decimal string, as OSS prints it. */
  readonly crc64: string;
  /** base64 MD5, only when the read asked for it. */
  readonly md5Base64: string | undefined;
  /** The file's size and mtime at the moment of the read (a change mid-upload shows up here). */
  readonly fileSize: number;
  readonly mtimeMs: number;
  /** How many bytes the range held (less than asked when the file is shorter). */
  readonly bytesRead: number;
}

/** A range as read from disk: its bytes (owned by the caller) with their digests. */
export interface ReadPart extends RangeDigest {
  readonly bytes: Buffer;
}

/** A read that failed in the worker, with the fs error code (ENOENT, EACCES, EISDIR, ...). */
export class SourceReadError extends Error {
  public readonly code: string;
  public constructor(code: string, message: string) {
    super(message);
    this.name = 'SourceReadError';
    this.code = code;
  }
}

/**
 * Spare buffers kept for reuse: enough for every streamed part in flight to find one (a chunk being written
 * and one read ahead per connection), few enough that an idle engine holds at most 32 MiB of 512 KiB chunks.
 */
const MAX_SPARE_BUFFERS = 64;

interface Task {
  readonly id: number;
  readonly path: string;
  readonly offset: number;
  readonly size: number;
  readonly md5: boolean;
  readonly hashOnly: boolean;
  resolve(part: ReadPart): void;
  reject(error: Error): void;
}

type WorkerReply =
  | {
      id: number;
      ok: true;
      buffer: ArrayBuffer | undefined;
      bytesRead: number;
      crc64: string;
      md5: string | undefined;
      fileSize: number;
      mtimeMs: number;
    }
  | { id: number; ok: false; code: string; message: string };

interface Slot {
  readonly worker: Worker;
  task: Task | undefined;
}

/**
 * A small worker_threads pool for readPart(path, offset, size). Memory stays bounded because the caller
 * only asks for a part once it holds a parts-in-flight slot; the pool itself allocates nothing ahead.
 */
export class ReadPartPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  /**
   * Part buffers handed back after their upload, lent to the next read of the same size: a fresh 8 MiB
   * ArrayBuffer per part made V8 run a full collection every ~16 MiB on the main thread (external memory
   * pressure), about 1 CPU-s per GB.
   */
  private readonly spare: ArrayBuffer[] = [];
  private nextId = 1;
  private closed = false;

  /** `crc64`: which CRC-64 code the workers run (crc64-implementation.ts decides; tests pass each one). */
  public constructor(
    size: number = Math.max(1, Math.min(4, availableParallelism())),
    private readonly crc64: Crc64Choice = crc64Implementation(),
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  public get size(): number {
    return this.slots.length;
  }

  /** Reads and hashes a range; `md5` adds its MD5 (uploads need only the CRC-64, which OSS checks back). */
  public readPart(
    path: string,
    offset: number,
    size: number,
    options: { md5?: boolean } = {},
  ): Promise<ReadPart> {
    return this.enqueue(path, offset, size, options.md5 === true, false);
  }

  /** Hashes a range of any size without handing its bytes over: the worker reads it 1 MiB at a time. */
  public hashRange(
    path: string,
    offset: number,
    size: number,
    options: { md5?: boolean } = {},
  ): Promise<RangeDigest> {
    return this.enqueue(path, offset, size, options.md5 === true, true);
  }

  private enqueue(
    path: string,
    offset: number,
    size: number,
    md5: boolean,
    hashOnly: boolean,
  ): Promise<ReadPart> {
    if (this.closed) return Promise.reject(new Error('The read pool is closed'));
    return new Promise<ReadPart>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, path, offset, size, md5, hashOnly, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Gives a part's buffer back for reuse. Call only once nothing refers to `part.bytes` any more: after the
   * upload that sent it has been answered (every body write has completed by then), never after an abort.
   */
  public recycle(part: { readonly bytes: Uint8Array }): void {
    const buffer = part.bytes.buffer;
    if (this.closed || !(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
    if (part.bytes.byteOffset !== 0 || this.spare.includes(buffer)) return;
    if (this.spare.length >= MAX_SPARE_BUFFERS) return;
    this.spare.push(buffer);
  }

  public async close(): Promise<void> {
    this.closed = true;
    this.spare.length = 0;
    for (const task of this.waiting.splice(0)) task.reject(new Error('The read pool is closed'));
    // A read a worker is doing would never be answered once the worker is gone: its caller must not hang.
    for (const slot of this.slots) {
      slot.task?.reject(new Error('The read pool is closed'));
      slot.task = undefined;
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(READ_PART_WORKER_SOURCE, {
      eval: true,
      workerData: {
        hashWasm: HASH_WASM_PATH,
        crc64Addon: this.crc64.addonPath,
        crc64Portable: this.crc64.name === 'native-portable',
      },
    });
    // Idle workers must not keep a CLI or test process alive.
    worker.unref();
    const slot: Slot = { worker, task: undefined };
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onCrash(slot, error));
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const task = slot.task;
    slot.task = undefined;
    slot.worker.unref();
    if (task !== undefined && task.id === reply.id) {
      if (reply.ok) {
        task.resolve({
          bytes: reply.buffer === undefined ? Buffer.alloc(0) : Buffer.from(reply.buffer, 0, reply.bytesRead),
          bytesRead: reply.bytesRead,
          crc64: reply.crc64,
          md5Base64: reply.md5,
          fileSize: reply.fileSize,
          mtimeMs: reply.mtimeMs,
        });
      } else {
        task.reject(new SourceReadError(reply.code, reply.message));
      }
    }
    this.dispatch();
  }

  private onCrash(slot: Slot, error: Error): void {
    slot.task?.reject(error);
    slot.task = undefined;
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) return;
      if (slot.task !== undefined) continue;
      const task = this.waiting.shift() as Task;
      slot.task = task;
      // A busy worker keeps the process alive until its answer arrives.
      slot.worker.ref();
      const index = task.hashOnly ? -1 : this.spare.findIndex((b) => b.byteLength === task.size);
      const buffer = index >= 0 ? this.spare.splice(index, 1)[0] : undefined;
      const { id, path, offset, size, md5, hashOnly } = task;
      slot.worker.postMessage({ id, path, offset, size, md5, hashOnly, buffer }, buffer ? [buffer] : []);
    }
  }
}

/**
 * Read-and-hash workers: one core is left to the main thread (HTTP, SQLite, snapshots), whose event loop
 * must stay responsive; measured on 2 cores, two workers pushed its p99 delay past 60 ms (docs/performance.md).
 */
export function defaultReadWorkers(partsInFlight: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(partsInFlight, cores - 1, 4));
}
