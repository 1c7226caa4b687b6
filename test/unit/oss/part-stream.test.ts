import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { sendRequest } from '../../../electron/core/oss/http-transport';
import { PartStream, SourceChangedError } from '../../../electron/core/oss/part-stream';
import { ReadPartPool } from '../../../electron/core/oss/read-part-pool';

const dir = mkdtempSync(join(tmpdir(), 'part-stream-'));
const pool = new ReadPartPool(2);

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

function fileWith(name: string, data: Buffer): { path: string; fileSize: number; mtimeMatches: () => true } {
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, fileSize: data.length, mtimeMatches: () => true };
}

async function drain(stream: PartStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream.chunks()) {
    chunks.push(Buffer.from(chunk));
    stream.written(chunk);
  }
  return chunks;
}

describe('PartStream', () => {
  it('streams a range in chunks no larger than the chunk size, with the CRC-64 of the whole range', async () => {
    const data = randomBytes(300 * 1024 + 17);
    const source = fileWith('a.bin', data);
    const stream = new PartStream(pool, source, 1000, 250 * 1024 + 5, 64 * 1024);
    const chunks = await drain(stream);
    const expected = data.subarray(1000, 1000 + 250 * 1024 + 5);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(64 * 1024);
    expect(chunks).toHaveLength(4);
    expect(stream.crc64).toBe(crc64(expected));
  });

  it('reads the disk again on every reading (a re-send), with the CRC of what it read last', async () => {
    const first = randomBytes(1000);
    const source = fileWith('again.bin', first);
    const stream = new PartStream(pool, source, 0, 1000);
    expect(() => stream.crc64).toThrow(/not been streamed/);
    expect(Buffer.concat(await drain(stream)).equals(first)).toBe(true);
    const second = randomBytes(1000);
    writeFileSync(source.path, second);
    expect(Buffer.concat(await drain(stream)).equals(second)).toBe(true);
    expect(stream.crc64).toBe(crc64(second));
  });

  it('fails with SourceChangedError when the file shrinks or its mtime moves while it streams', async () => {
    const data = randomBytes(256 * 1024);
    const source = fileWith('changing.bin', data);
    const shrinking = new PartStream(pool, source, 0, data.length, 64 * 1024);
    const read = (async () => {
      let n = 0;
      for await (const chunk of shrinking.chunks()) {
        n += chunk.length;
        if (n === 64 * 1024) truncateSync(source.path, 100 * 1024);
      }
    })();
    await expect(read).rejects.toBeInstanceOf(SourceChangedError);

    const stale = { ...source, fileSize: statSync(source.path).size, mtimeMatches: () => false };
    await expect(drain(new PartStream(pool, stale, 0, 1000))).rejects.toBeInstanceOf(SourceChangedError);
  });

  it('goes through the HTTP transport with the exact length, and each chunk is handed back once written', async () => {
    const data = randomBytes(700 * 1024);
    const source = fileWith('http.bin', data);
    const server = http.createServer((req, res) => {
      const hash = createHash('md5');
      let n = 0;
      req.on('data', (c: Buffer) => {
        hash.update(c);
        n += c.length;
      });
      req.on('end', () => res.end(`${req.headers['content-length']} ${n} ${hash.digest('hex')}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const stream = new PartStream(pool, source, 0, data.length, 128 * 1024);
      const handedBack: number[] = [];
      const written = stream.written.bind(stream);
      stream.written = (chunk) => {
        handedBack.push(chunk.length);
        written(chunk);
      };
      let progress = 0;
      const res = await sendRequest({
        url: new URL(`http://127.0.0.1:${port}/bucket/key`),
        method: 'PUT',
        headers: {},
        body: stream,
        idleTimeoutMs: 5_000,
        onProgress: (n) => (progress += n),
      });
      const md5 = createHash('md5').update(data).digest('hex');
      expect(res.body.toString()).toBe(`${data.length} ${data.length} ${md5}`);
      expect(progress).toBe(data.length);
      expect(handedBack.reduce((a, b) => a + b, 0)).toBe(data.length);
      expect(stream.crc64).toBe(crc64(data));
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('ReadPartPool.hashRange', () => {
  it('hashes a range larger than its 1 MiB scratch buffer, as one read would, without returning bytes', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 333);
    const source = fileWith('hash.bin', data);
    const digest = await pool.hashRange(source.path, 7, data.length - 7, { md5: true });
    const expected = data.subarray(7);
    expect(digest.bytesRead).toBe(expected.length);
    expect(digest.crc64).toBe(crc64(expected));
    expect(digest.md5Base64).toBe(createHash('md5').update(expected).digest('base64'));
    expect(digest).not.toHaveProperty('bytes.length', expected.length);
  });
});
