import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { crc64Implementation } from '../../../electron/core/oss/crc64-implementation';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { ossClient, videoGrant } from './oss-client';

/**
 * The bench's emulator (--fast-hash) hashes bodies with the engine's CRC-64 code (the native addon when
 * built, else hash-wasm) and makes the ETag from the CRC: both must still be right, or every bench upload
 * would fail its CRC check.
 */
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ transcodeDelay: 10, uploadPolicy: 'broad', fastHash: true });
});
afterAll(async () => {
  await emu.stop();
});

describe(`the emulator's fast hashing (${crc64Implementation().name})`, () => {
  it('answers and stores the CRC-64 of bodies of many sizes, and a distinct ETag per body', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant, { authorizationV4: true } as never);
    const etags = new Set<string>();
    for (const size of [0, 1, 255, 256, 4097, 3 * 1024 * 1024 + 5]) {
      const data = randomBytes(size);
      const result = await client.put(grant.key, data);
      const headers = result.res.headers as Record<string, string>;
      expect(headers['x-oss-hash-crc64ecma'], `size ${size}`).toBe(crc64(data));
      expect(emu.state().objects.find((o) => o.key === grant.key)?.crc64).toBe(crc64(data));
      etags.add(headers.etag!);
    }
    expect(etags.size).toBe(6);
  });
});
