import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { combinedCrc } from '../../../electron/core/engine/combined-crc';
import { crc64 } from '../../../electron/core/oss/crc64';

describe('combinedCrc', () => {
  it('gives the whole-object CRC from part CRCs in part order, whatever order they are listed in', () => {
    const data = randomBytes(300_001);
    const size = 100_000;
    const parts = [3, 1, 4, 2].map((n) => {
      const offset = (n - 1) * size;
      const bytes = data.subarray(offset, offset + size);
      return { partNumber: n, offset, size: bytes.length, etag: '"x"', crc64: crc64(bytes) };
    });
    expect(combinedCrc(parts)).toBe(crc64(data));
  });
});
