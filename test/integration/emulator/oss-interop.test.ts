import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { ossClient, videoGrant } from './oss-client';

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  // These tests read back what they wrote (HeadObject, GetObject, ListParts): the broad upload policy. V1 is
  // the legacy case, accepted only with allowV1.
  emu = await startEmulator({ transcodeDelay: 10, uploadPolicy: 'broad', allowV1: true });
  dir = mkdtempSync(join(tmpdir(), 'emu-oss-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, size: number): { path: string; data: Buffer } {
  const data = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, data };
}

describe.each([
  ['V1 signature (ali-oss default, allowV1)', false],
  ['V4 signature (authorizationV4)', true],
])('ali-oss against the emulator, %s', (_name, authorizationV4) => {
  it('put: stores the object, answers its CRC-64, and the video goes through to Normal', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant, { authorizationV4 } as never);
    const data = randomBytes(5000);
    const result = await client.put(grant.key, data);
    const headers = result.res.headers as Record<string, string>;
    expect(result.res.status).toBe(200);
    expect(headers['x-oss-hash-crc64ecma']).toBe(crc64(data));
    expect(emu.state().objects).toContainEqual({
      bucket: grant.bucket,
      key: grant.key,
      size: 5000,
      crc64: crc64(data),
    });
    const media = () => emu.state().media.find((m) => m.mediaId === grant.mediaId)!;
    expect(['UploadSucc', 'Transcoding', 'Normal']).toContain(media().status);
    await emu.transcodingIdle();
    expect(media().status).toBe('Normal');
  });

  it('multipart: parts, complete with the whole-object CRC, head, getObjectMeta and ranged get', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant, { authorizationV4 } as never);
    const { path, data } = file(`mp-${authorizationV4}.mp4`, 350 * 1024 + 17);
    const result = await client.multipartUpload(grant.key, path, { partSize: 100 * 1024, parallel: 3 });
    const headers = (result.res as { headers: Record<string, string> }).headers;
    expect(headers['x-oss-hash-crc64ecma']).toBe(crc64(data));
    expect(emu.state().calls.UploadPart).toBeGreaterThanOrEqual(4);

    const head = await client.head(grant.key);
    const headHeaders = head.res.headers as Record<string, string>;
    expect(headHeaders['content-length']).toBe(String(data.length));
    expect(headHeaders['x-oss-hash-crc64ecma']).toBe(crc64(data));
    expect(headHeaders['x-oss-object-type']).toBe('Multipart');
    // @types/ali-oss lacks getObjectMeta, which ali-oss 6.x has.
    const meta = await (
      client as unknown as { getObjectMeta(name: string): Promise<{ res: { headers: unknown } }> }
    ).getObjectMeta(grant.key);
    expect((meta.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(crc64(data));

    // A range across the first part boundary returns the real bytes.
    const start = 100 * 1024 - 10;
    const range = await client.get(grant.key, undefined, {
      headers: { Range: `bytes=${start}-${start + 99}` },
    });
    expect(range.res.status).toBe(206);
    expect(Buffer.compare(range.content as Buffer, data.subarray(start, start + 100))).toBe(0);
    const whole = await client.get(grant.key);
    expect(Buffer.compare(whole.content as Buffer, data)).toBe(0);
  });

  it('abort: the upload and its parts are gone', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant, { authorizationV4 } as never);
    const { path } = file(`abort-${authorizationV4}.mp4`, 120 * 1024);
    const init = await client.initMultipartUpload(grant.key);
    await client.uploadPart(grant.key, init.uploadId, 1, path, 0, 120 * 1024);
    expect(emu.uploads().map((u) => u.uploadId)).toContain(init.uploadId);
    await client.abortMultipartUpload(grant.key, init.uploadId);
    expect(emu.uploads().map((u) => u.uploadId)).not.toContain(init.uploadId);
    const err = await client
      .listParts(grant.key, init.uploadId)
      .catch((e: { code: string; status: number }) => e);
    expect(err).toMatchObject({ code: 'NoSuchUpload', status: 404 });
  });
});

describe('RefreshUploadVideo through ali-oss', () => {
  it('the new credential writes the same key, and the old one keeps working until it expires', async () => {
    const first = await videoGrant(emu.config);
    const second = await videoGrant(emu.config, undefined, first.mediaId);
    expect(second.key).toBe(first.key);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    const init = await ossClient(first).initMultipartUpload(first.key);
    const { path } = file('refresh.mp4', 100 * 1024);
    await ossClient(second).uploadPart(second.key, init.uploadId, 1, path, 0, 100 * 1024);
    await ossClient(first).uploadPart(first.key, init.uploadId, 2, path, 0, 100);
    emu.expireCredential(first.accessKeyId);
    const err = await ossClient(first)
      .listParts(first.key, init.uploadId)
      .catch((e: { code: string }) => e);
    expect(err).toMatchObject({ code: 'SecurityTokenExpired', status: 403 });
    const parts = await ossClient(second).listParts(second.key, init.uploadId, {} as never);
    expect(parts.parts).toHaveLength(2);
  });
});
