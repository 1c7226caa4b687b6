import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { type IncomingMessage } from 'node:http';
import { crc64Digest, crc64Update, type Crc64State } from '../../../electron/core/oss/crc64';
import { type RateLimiter } from '../bandwidth';
import { type Blob } from './store';

export interface ReceiveOptions {
  /** Where to write the bytes; undefined keeps only the digests (--sink). */
  readonly path: string | undefined;
  /** Every limiter the bytes must pass (shared total, per connection). */
  readonly limiters: readonly RateLimiter[];
  /** Counts every body byte as it arrives, accepted or not. */
  readonly onBytes: (n: number) => void;
  /** Destroy the connection once more than this many bytes have arrived (reset fault). */
  readonly resetAfter: number | undefined;
  /** Flip one bit of the first byte before hashing and storing it (damage in transit). */
  readonly corrupt?: boolean;
}

/** Thrown when the body did not arrive whole: the client went away, or a reset fault fired. */
export class BodyAborted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyAborted';
  }
}

/** Streams a request body through MD5, CRC-64 and (optionally) a file, one chunk in memory at a time. */
export async function receiveBody(req: IncomingMessage, options: ReceiveOptions): Promise<Blob> {
  const md5 = createHash('md5');
  let crc: Crc64State | undefined;
  let size = 0;
  let corrupt = options.corrupt === true;
  const file = options.path ? createWriteStream(options.path) : undefined;
  const fail = async (message: string): Promise<never> => {
    if (file) {
      file.destroy();
      await once(file, 'close').catch(() => undefined);
      rmSync(options.path!, { force: true });
    }
    throw new BodyAborted(message);
  };
  try {
    for await (const received of req as AsyncIterable<Buffer>) {
      let chunk = received;
      if (corrupt && chunk.length > 0) {
        chunk = Buffer.from(chunk);
        chunk[0] = chunk[0]! ^ 1;
        corrupt = false;
      }
      options.onBytes(chunk.length);
      size += chunk.length;
      if (options.resetAfter !== undefined && size > options.resetAfter) {
        req.socket.destroy();
        return await fail('reset fault');
      }
      for (const limiter of options.limiters) await limiter.take(chunk.length);
      md5.update(chunk);
      crc = crc64Update(crc, chunk);
      if (file && !file.write(chunk)) await once(file, 'drain');
    }
  } catch (err) {
    if (err instanceof BodyAborted) throw err;
    return await fail(`client aborted the body: ${(err as Error).message}`);
  }
  if (!req.complete) return await fail('client aborted the body');
  if (file) {
    file.end();
    await once(file, 'close');
  }
  return { size, md5: md5.digest(), crc64: crc64Digest(crc), path: options.path };
}
