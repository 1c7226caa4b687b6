import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createCRC64 } from 'hash-wasm';
import { type IncomingMessage } from 'node:http';
import { crc64Digest, crc64Update, type Crc64State } from '../../../electron/core/oss/crc64';
import {
  createCrc64Hasher,
  crc64Implementation,
  type Crc64Hasher,
} from '../../../electron/core/oss/crc64-implementation';
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
  /** Native (else WebAssembly) CRC-64, no MD5 unless the request sends Content-MD5 (the bench; EmulatorOptions). */
  readonly fastHash?: boolean;
}

interface BodyHashes {
  update(chunk: Buffer): void;
  digest(): { md5: Buffer; crc64: string };
}

/** MD5 (native) and CRC-64 (our JS table loop): every digest a test may look at. */
function fullHashes(): BodyHashes {
  const md5 = createHash('md5');
  let crc: Crc64State | undefined;
  return {
    update(chunk) {
      md5.update(chunk);
      crc = crc64Update(crc, chunk);
    },
    digest: () => ({ md5: md5.digest(), crc64: crc64Digest(crc) }),
  };
}

/** The engine's CRC-64 code (crc64-implementation.ts): the native addon, else hash-wasm's WebAssembly. */
async function fastCrc64(): Promise<Crc64Hasher> {
  if (crc64Implementation().name !== 'wasm') return createCrc64Hasher();
  const crc = await createCRC64();
  crc.init();
  return {
    update: (chunk) => crc.update(chunk),
    digest: () => BigInt(`0x${crc.digest('hex')}`).toString(),
  };
}

/** The bench's cheaper hashing: the fast CRC-64, MD5 only when the client asked for a Content-MD5 check. */
async function fastHashes(wantMd5: boolean): Promise<BodyHashes> {
  const crc = await fastCrc64();
  const md5 = wantMd5 ? createHash('md5') : undefined;
  return {
    update(chunk) {
      md5?.update(chunk);
      crc.update(chunk);
    },
    digest: () => {
      const crc64 = crc.digest();
      // Without an MD5 the ETag is made from the CRC-64: unique per body, which is all a client uses it for.
      const hex = BigInt(crc64).toString(16).padStart(16, '0');
      return { md5: md5?.digest() ?? Buffer.from(hex.repeat(2), 'hex'), crc64 };
    },
  };
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
  const hashes = options.fastHash
    ? await fastHashes(typeof req.headers['content-md5'] === 'string')
    : fullHashes();
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
      hashes.update(chunk);
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
  return { size, ...hashes.digest(), path: options.path };
}
