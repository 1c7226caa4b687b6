import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crc64, crc64Combine } from '../../../electron/core/oss/crc64';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { ossClient, videoGrant } from './oss-client';

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  // --sink: 100 MB of parts, digests only.
  emu = await startEmulator({ sink: true, uploadPolicy: 'broad' });
  dir = mkdtempSync(join(tmpdir(), 'emu-parts-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('ListParts paginates past 1000 parts with part-number-marker, and 1001 parts complete to the combined CRC', async () => {
  const partSize = 100 * 1024;
  const total = 1001;
  const data = randomBytes(partSize);
  const path = join(dir, 'part.bin');
  writeFileSync(path, data);
  const grant = await videoGrant(emu.config);
  const client = ossClient(grant);
  const { uploadId } = await client.initMultipartUpload(grant.key);

  const etags = new Map<number, string>();
  let next = 1;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next <= total) {
        const n = next++;
        const res = await client.uploadPart(grant.key, uploadId, n, path, 0, partSize);
        etags.set(n, res.etag);
      }
    }),
  );

  const first = await client.listParts(grant.key, uploadId, { 'max-parts': '1000' } as never);
  expect(first.isTruncated).toBe('true'); // ali-oss leaves it a string
  expect(first.parts).toHaveLength(1000);
  expect(first.nextPartNumberMarker).toBe('1000');
  const second = await client.listParts(grant.key, uploadId, {
    'max-parts': '1000',
    'part-number-marker': first.nextPartNumberMarker,
  } as never);
  expect(second.isTruncated).toBe('false');
  // One part comes back as an object, not an array (xml2js explicitArray:false).
  expect(second.parts).toMatchObject({ PartNumber: '1001', Size: String(partSize), ETag: etags.get(1001) });

  const parts = [...etags].map(([number, etag]) => ({ number, etag }));
  const done = await client.completeMultipartUpload(grant.key, uploadId, parts);
  let expected = '0';
  for (let i = 0; i < total; i++) expected = crc64Combine(expected, crc64(data), partSize);
  expect((done.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(expected);
  expect(emu.state().objects).toContainEqual({
    bucket: grant.bucket,
    key: grant.key,
    size: partSize * total,
    crc64: expected,
  });
  expect(emu.state().bytesReceived).toBe(partSize * total);
});
