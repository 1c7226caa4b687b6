import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc64, crc64Combine, crc64Digest, crc64Update } from '../../../electron/core/oss/crc64';

/** Bit-at-a-time BigInt reference (CRC-64/XZ), independent of the sliced tables under test. */
function referenceCrc64(buf: Uint8Array): string {
  const poly = 0xc96c5795d7870f42n;
  let crc = 0xffffffffffffffffn;
  for (const byte of buf) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return (crc ^ 0xffffffffffffffffn).toString();
}

describe('crc64 (CRC-64/XZ, x-oss-hash-crc64ecma)', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc64(new TextEncoder().encode('123456789'))).toBe('11051210869376104954');
  });

  it('gives "0" for empty input', () => {
    expect(crc64(new Uint8Array(0))).toBe('0');
    expect(crc64Digest(undefined)).toBe('0');
  });

  it('matches a bit-at-a-time reference on random buffers of many sizes', () => {
    for (const size of [1, 7, 8, 9, 15, 16, 17, 63, 255, 1000, 4097]) {
      const buf = randomBytes(size);
      expect(crc64(buf), `size ${size}`).toBe(referenceCrc64(buf));
    }
  });

  it('incremental updates over odd-sized chunks equal the one-shot value', () => {
    const buf = randomBytes(100_003);
    const cuts = [0, 1, 2, 9, 100, 1023, 4097, 50_000, 50_001, 99_999, 100_003];
    let state = undefined;
    for (let i = 1; i < cuts.length; i++) state = crc64Update(state, buf.subarray(cuts[i - 1], cuts[i]));
    expect(crc64Digest(state)).toBe(crc64(buf));
  });

  it('combine(crc(a), crc(b), len(b)) equals crc(a‖b), empty parts included', () => {
    const buf = randomBytes(70_001);
    for (const split of [0, 1, 8, 4096, 35_000, 70_000, 70_001]) {
      const a = buf.subarray(0, split);
      const b = buf.subarray(split);
      expect(crc64Combine(crc64(a), crc64(b), b.length), `split ${split}`).toBe(crc64(buf));
    }
  });

  it('combines many parts in order to the whole-object CRC', () => {
    const parts = [randomBytes(1000), randomBytes(0), randomBytes(333), randomBytes(102_400), randomBytes(5)];
    let whole = crc64(new Uint8Array(0));
    for (const p of parts) whole = crc64Combine(whole, crc64(p), p.length);
    expect(whole).toBe(crc64(Buffer.concat(parts)));
  });

  it('refuses malformed CRC strings and lengths', () => {
    expect(() => crc64Combine('abc', '0', 1)).toThrow(/CRC-64/);
    expect(() => crc64Combine('18446744073709551616', '0', 1)).toThrow(/range/);
    expect(() => crc64Combine('0', '0', -1)).toThrow(/length/i);
  });
});
