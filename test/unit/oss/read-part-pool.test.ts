import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { ReadPartPool, SourceReadError } from '../../../electron/core/oss/read-part-pool';

const dir = mkdtempSync(join(tmpdir(), 'read-pool-'));
const pool = new ReadPartPool(2);

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ReadPartPool', () => {
  it('reads ranges and hashes them in the worker exactly like crc64.ts, with MD5 only when asked', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 13);
    const path = join(dir, 'a.bin');
    writeFileSync(path, data);
    const ranges = [
      [0, 1024 * 1024],
      [1024 * 1024, 1024 * 1024],
      [3 * 1024 * 1024, 13],
      [5, 7],
      [0, data.length],
    ] as const;
    const parts = await Promise.all(
      ranges.map(([offset, size], i) => pool.readPart(path, offset, size, { md5: i % 2 === 0 })),
    );
    parts.forEach((part, i) => {
      const [offset, size] = ranges[i]!;
      const expected = data.subarray(offset, offset + size);
      expect(part.bytes.equals(expected)).toBe(true);
      expect(part.crc64).toBe(crc64(expected));
      expect(part.md5Base64).toBe(
        i % 2 === 0 ? createHash('md5').update(expected).digest('base64') : undefined,
      );
      expect(part.fileSize).toBe(data.length);
    });
  });

  it('returns a short buffer past the end of file (the caller sees the file shrank)', async () => {
    const path = join(dir, 'short.bin');
    writeFileSync(path, randomBytes(100));
    const part = await pool.readPart(path, 50, 100);
    expect(part.bytes.length).toBe(50);
  });

  it('rejects with the fs code for a missing file and keeps working after', async () => {
    await expect(pool.readPart(join(dir, 'missing.bin'), 0, 10)).rejects.toMatchObject({
      name: 'SourceReadError',
      code: 'ENOENT',
    });
    await expect(pool.readPart(dir, 0, 10)).rejects.toBeInstanceOf(SourceReadError);
    const path = join(dir, 'b.bin');
    writeFileSync(path, Buffer.from('123456789'));
    expect((await pool.readPart(path, 0, 9)).crc64).toBe('11051210869376104954');
  });

  it('lends a recycled buffer to the next read of the same size, with correct contents', async () => {
    const data = randomBytes(4 * 64 * 1024);
    const path = join(dir, 'recycle.bin');
    writeFileSync(path, data);
    const first = await pool.readPart(path, 0, 64 * 1024);
    pool.recycle(first);
    const other = await pool.readPart(path, 0, 1000);
    // A different size does not take the spare buffer: the first part's bytes are still ours.
    expect(first.bytes.length).toBe(64 * 1024);
    expect(other.bytes.equals(data.subarray(0, 1000))).toBe(true);
    const second = await pool.readPart(path, 64 * 1024, 64 * 1024);
    // The spare went to the worker (transferred, so detached here) and came back holding the new range.
    expect(first.bytes.buffer.byteLength).toBe(0);
    expect(second.bytes.equals(data.subarray(64 * 1024, 128 * 1024))).toBe(true);
    expect(second.crc64).toBe(crc64(data.subarray(64 * 1024, 128 * 1024)));
  });
});
