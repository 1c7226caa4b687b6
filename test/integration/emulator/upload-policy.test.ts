import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { objectUrl } from '../../../electron/core/oss/oss-url';
import { ossRequest } from '../../helpers/emulator-trust';
import { OssError } from '../../../electron/core/oss/oss-error';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { engineOssClient, type Grant, ossClient, ossError, videoGrant } from './oss-client';
import { callAction, openApiClient } from './vod-client';

let emu: RunningEmulator;
let dir: string;
const part = randomBytes(120 * 1024);
let partFile: string;
beforeAll(async () => {
  emu = await startEmulator({ seed: 5, transcodeDelay: 10, uploadPolicy: 'narrow' });
  dir = mkdtempSync(join(tmpdir(), 'emu-policy-'));
  partFile = join(dir, 'part.bin');
  writeFileSync(partFile, part);
});
afterEach(() => {
  emu.setFaults({ uploadPolicy: 'narrow', refreshNewKey: false, omitCrc64: false, skew: 0 });
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An upload with one part on the grant's key, through ali-oss. */
async function uploadWithOnePart(grant: Grant) {
  const client = ossClient(grant);
  const { uploadId } = await client.initMultipartUpload(grant.key);
  const { etag } = await client.uploadPart(grant.key, uploadId, 1, partFile, 0, part.length);
  return { client, uploadId, etag };
}

describe('the narrow upload policy', () => {
  it('allows PutObject, Initiate, UploadPart, Complete and Abort on the credential’s own key', async () => {
    const grant = await videoGrant(emu.config);
    await expect(ossClient(grant).put(grant.key, Buffer.from('whole'))).resolves.toBeTruthy();
    const { client, uploadId, etag } = await uploadWithOnePart(grant);
    await client.completeMultipartUpload(grant.key, uploadId, [{ number: 1, etag }]);
    expect(emu.state().objects.find((o) => o.key === grant.key)?.crc64).toBe(crc64(part));
    const second = await uploadWithOnePart(grant);
    await client.abortMultipartUpload(grant.key, second.uploadId);
    expect(emu.uploads().map((u) => u.uploadId)).not.toContain(second.uploadId);
  });

  it('refuses ListParts, HeadObject, GetObject, GetObjectMeta and ListMultipartUploads with 403 AccessDenied', async () => {
    const grant = await videoGrant(emu.config);
    const { client, uploadId } = await uploadWithOnePart(grant);
    const before = { ...emu.state().calls };
    const refusals = {
      ListParts: await ossError(client.listParts(grant.key, uploadId, {} as never)),
      HeadObject: await ossError(client.head(grant.key)),
      GetObject: await ossError(client.get(grant.key)),
      GetObjectMeta: await ossError(
        (client as unknown as { getObjectMeta(k: string): Promise<unknown> }).getObjectMeta(grant.key),
      ),
      ListMultipartUploads: await ossError(
        client.listUploads({ prefix: grant.key, 'max-uploads': 10 } as never),
      ),
    };
    for (const [operation, err] of Object.entries(refusals)) {
      expect({ operation, code: err.code, status: err.status }).toEqual({
        operation,
        code: 'AccessDenied',
        status: 403,
      });
      expect(emu.state().calls[operation]).toBe((before[operation] ?? 0) + 1);
    }
    // The upload is untouched by the refusals.
    expect(emu.uploads().find((u) => u.uploadId === uploadId)?.parts).toBe(1);
  });

  it('the broad policy allows the reads on the own key, and still nothing on another key', async () => {
    emu.setFaults({ uploadPolicy: 'broad' });
    const grant = await videoGrant(emu.config);
    const { client, uploadId } = await uploadWithOnePart(grant);
    const listed = await client.listParts(grant.key, uploadId, {} as never);
    expect(listed.parts).toMatchObject({ PartNumber: '1' });
    await client.put(grant.key, Buffer.from('whole'));
    expect((await client.head(grant.key)).status).toBe(200);
    const other = await videoGrant(emu.config);
    expect(await ossError(client.head(other.key))).toMatchObject({ code: 'AccessDenied', status: 403 });
  });

  it('a policy refusal is the documented error XML, naming the RAM action refused', async () => {
    const grant = await videoGrant(emu.config);
    const { uploadId } = await uploadWithOnePart(grant);
    const err = await engineOssClient(grant)
      .listParts(grant.key, uploadId)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssError);
    expect(err).toMatchObject({ code: 'AccessDenied', status: 403, detail: { AuthAction: 'oss:ListParts' } });
    expect((err as OssError).requestId).toMatch(/^[0-9A-F]{24}$/);
    const head = await engineOssClient(grant)
      .headObject(grant.key)
      .catch((e: unknown) => e);
    expect(head).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      detail: { AuthAction: 'oss:GetObject' },
    });
  });
});

describe('--refresh-new-key', () => {
  it('RefreshUploadVideo of an unfinished video hands out a new key; the video completes on the new key only', async () => {
    const first = await videoGrant(emu.config);
    const old = await uploadWithOnePart(first);
    emu.setFaults({ refreshNewKey: true });
    const second = await videoGrant(emu.config, undefined, first.mediaId);
    expect(second.mediaId).toBe(first.mediaId);
    expect(second.key).not.toBe(first.key);
    expect(emu.state().media.find((m) => m.mediaId === first.mediaId)?.key).toBe(second.key);
    // The new credential is scoped to the new key only; the old one still reaches its old upload.
    expect(await ossError(ossClient(second).put(first.key, Buffer.from('x')))).toMatchObject({
      code: 'AccessDenied',
    });
    const fresh = await uploadWithOnePart(second);
    await fresh.client.completeMultipartUpload(second.key, fresh.uploadId, [{ number: 1, etag: fresh.etag }]);
    await emu.transcodingIdle();
    const info = await callAction(openApiClient(emu.config), 'GetVideoInfo', { VideoId: first.mediaId });
    expect(info.Video.Status).not.toBe('Uploading');
    expect(info.Video.Size).toBe(part.length);
    // DeleteMultipartUpload cleans up the upload left on the old key too.
    expect(emu.uploads().map((u) => u.uploadId)).toContain(old.uploadId);
    await callAction(openApiClient(emu.config), 'DeleteMultipartUpload', {
      MediaId: first.mediaId,
      MediaType: 'video',
    });
    expect(emu.uploads().map((u) => u.uploadId)).not.toContain(old.uploadId);
  });

  it('a video already uploaded keeps its key', async () => {
    const first = await videoGrant(emu.config);
    await ossClient(first).put(first.key, Buffer.from('done'));
    emu.setFaults({ refreshNewKey: true });
    const second = await videoGrant(emu.config, undefined, first.mediaId);
    expect(second.key).toBe(first.key);
  });
});

describe('--omit-crc64', () => {
  it('answers PutObject, UploadPart and Complete without x-oss-hash-crc64ecma', async () => {
    emu.setFaults({ omitCrc64: true });
    const grant = await videoGrant(emu.config);
    const put = await ossClient(grant).put(grant.key, Buffer.from('whole'));
    expect((put.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBeUndefined();
    const { client, uploadId, etag } = await uploadWithOnePart(grant);
    const done = await client.completeMultipartUpload(grant.key, uploadId, [{ number: 1, etag }]);
    expect((done.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBeUndefined();
    expect((done.res.headers as Record<string, string>)['etag']).toBeTruthy();
    emu.setFaults({ omitCrc64: false });
    const again = await ossClient(grant).put(grant.key, Buffer.from('whole'));
    expect((again.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(
      crc64(Buffer.from('whole')),
    );
  });
});

describe('--skew (server clock offset)', () => {
  it('VOD and OSS answers carry the server’s Date; OSS RequestTimeTooSkewed names ServerTime', async () => {
    emu.setFaults({ skew: 20 * 60 });
    const vod = await fetch(`${emu.config.vodEndpoint}/?Action=GetVideoInfos`);
    const vodDate = Date.parse(vod.headers.get('date') ?? '');
    expect(vodDate - Date.now()).toBeGreaterThan(19 * 60_000);
    emu.setFaults({ skew: 0 });
    const grant = await videoGrant(emu.config);
    emu.setFaults({ skew: 20 * 60 });
    const err = await ossError(ossClient(grant).put(grant.key, Buffer.from('x')));
    expect(err).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403 });
    const raw = await ossRequest(emu.config, objectUrl(grant.endpoint, grant.bucket, grant.key, {}));
    expect(Date.parse(raw.headers.date ?? '') - Date.now()).toBeGreaterThan(19 * 60_000);
  });
});
