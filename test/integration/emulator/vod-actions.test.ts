import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { callAction, decodeBase64Json, openApiClient } from './vod-client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ transcodeDelay: 20 });
});
afterAll(async () => {
  await emu.stop();
});

describe.each([
  ['V3 (ACS3-HMAC-SHA256, default)', undefined],
  ['v2 (HMAC-SHA1 RPC)', 'v2' as const],
])('every VOD action through @alicloud/openapi-client, %s', (_name, signatureAlgorithm) => {
  it('CreateUploadVideo issues a VideoId, an UploadAddress on the OSS endpoint and a 3000 s UploadAuth', async () => {
    const client = openApiClient(emu.config, { signatureAlgorithm });
    const body = await callAction(client, 'CreateUploadVideo', {
      Title: 'My video',
      FileName: 'a b.mp4',
      FileSize: 10,
    });
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body.VideoId).toMatch(/^[0-9a-f]{32}$/);
    const address = decodeBase64Json(body.UploadAddress);
    expect(address.Endpoint).toBe(emu.config.ossEndpoint);
    expect(address.Bucket).toBe(emu.bucket);
    expect(address.FileName).toMatch(/^sv\/.+\.mp4$/);
    const auth = decodeBase64Json(body.UploadAuth);
    expect(auth.AccessKeyId).toMatch(/^STS\./);
    expect(auth.SecurityToken).toBeTruthy();
    expect(auth.AccessKeySecret).toBeTruthy();
    expect(auth.Expiration).toBe('3000');
    expect(auth.Region).toBe('cn-shanghai');
    expect(Math.abs(Date.parse(auth.ExpireUTCTime!) - Date.now() - 3_000_000)).toBeLessThan(5_000);
    expect(emu.state().media).toContainEqual(
      expect.objectContaining({
        mediaId: body.VideoId,
        kind: 'video',
        status: 'Uploading',
        title: 'My video',
      }),
    );
  });

  it('RefreshUploadVideo keeps the VideoId and key and issues a new credential', async () => {
    const client = openApiClient(emu.config, { signatureAlgorithm });
    const created = await callAction(client, 'CreateUploadVideo', { Title: 't', FileName: 'x.mov' });
    const refreshed = await callAction(client, 'RefreshUploadVideo', { VideoId: created.VideoId });
    expect(refreshed.VideoId).toBe(created.VideoId);
    expect(decodeBase64Json(refreshed.UploadAddress)).toEqual(decodeBase64Json(created.UploadAddress));
    expect(decodeBase64Json(refreshed.UploadAuth).AccessKeyId).not.toBe(
      decodeBase64Json(created.UploadAuth).AccessKeyId,
    );
  });

  it('CreateUploadImage and CreateUploadAttachedMedia issue their IDs, URLs and credentials', async () => {
    const client = openApiClient(emu.config, { signatureAlgorithm });
    const image = await callAction(client, 'CreateUploadImage', {
      ImageType: 'default',
      ImageExt: 'jpg',
      Title: 'cover',
    });
    expect(image.ImageId).toMatch(/^[0-9a-f]{32}$/);
    expect(image.ImageURL).toContain(emu.bucket);
    expect(image.FileURL).toContain(emu.bucket);
    expect(decodeBase64Json(image.UploadAddress).FileName).toMatch(/\.jpg$/);
    const attached = await callAction(client, 'CreateUploadAttachedMedia', {
      BusinessType: 'subtitle',
      MediaExt: 'vtt',
      FileName: 'subs.vtt',
      FileSize: '100',
    });
    expect(attached.MediaId).toMatch(/^[0-9a-f]{32}$/);
    expect(attached.MediaURL).toBeTruthy();
    expect(decodeBase64Json(attached.UploadAuth).AccessKeyId).toMatch(/^STS\./);
    const kinds = emu.state().media.filter((m) => [image.ImageId, attached.MediaId].includes(m.mediaId));
    expect(kinds.map((m) => m.kind).sort()).toEqual(['attached', 'image']);
  });

  it('GetVideoInfo, GetVideoInfos, DeleteMultipartUpload and DeleteVideo', async () => {
    const client = openApiClient(emu.config, { signatureAlgorithm });
    const a = await callAction(client, 'CreateUploadVideo', {
      Title: 'A',
      FileName: 'a.mp4',
      Tags: 'x,y',
      CateId: 7,
    });
    const b = await callAction(client, 'CreateUploadVideo', { Title: 'B', FileName: 'b.mkv' });
    const info = await callAction(client, 'GetVideoInfo', { VideoId: a.VideoId });
    expect(info.Video).toMatchObject({
      VideoId: a.VideoId,
      Title: 'A',
      Status: 'Uploading',
      Tags: 'x,y',
      CateId: 7,
    });
    const infos = await callAction(client, 'GetVideoInfos', { VideoIds: `${a.VideoId},${b.VideoId},nope` });
    expect(infos.VideoList.map((v: { VideoId: string }) => v.VideoId).sort()).toEqual(
      [a.VideoId, b.VideoId].sort(),
    );
    expect(infos.NonExistVideoIds).toEqual(['nope']);
    const cleaned = await callAction(client, 'DeleteMultipartUpload', {
      MediaId: a.VideoId,
      MediaType: 'video',
    });
    expect(cleaned.RequestId).toBeTruthy();
    const deleted = await callAction(client, 'DeleteVideo', { VideoIds: `${a.VideoId},missing` });
    expect(deleted.NonExistVideoIds).toEqual(['missing']);
    expect(emu.state().media.some((m) => m.mediaId === a.VideoId)).toBe(false);
  });
});

describe('call counting', () => {
  it('counts calls per Action', async () => {
    const before = emu.state().calls.GetVideoInfos ?? 0;
    const client = openApiClient(emu.config);
    await callAction(client, 'GetVideoInfos', { VideoIds: 'a' });
    await callAction(client, 'GetVideoInfos', { VideoIds: 'b' });
    expect(emu.state().calls.GetVideoInfos).toBe(before + 2);
  });
});
