import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import { resolveVodEndpoint } from '../../../electron/core/vod/endpoints';
import { VodClient, type VodClientOptions } from '../../../electron/core/vod/vod-client';
import { startEmulator, type RunningEmulator } from '../../emulator';

let emu: RunningEmulator;
const calls = (action: string) => emu.state().calls[action] ?? 0;

function client(overrides: Partial<VodClientOptions> = {}) {
  return new VodClient({
    endpoint: resolveVodEndpoint(emu.config.regionId, emu.config.vodEndpoint),
    regionId: emu.config.regionId,
    credentials: new StaticCredentialSource(emu.config),
    backoff: { baseMs: 1, maxMs: 1 },
    ...overrides,
  });
}

beforeAll(async () => {
  emu = await startEmulator({ seed: 3, transcodeDelay: 0 });
});
afterAll(async () => {
  await emu?.stop();
});

describe('VodClient against the emulator (http, V3 signature)', () => {
  it('runs the typed actions: create, info, infos, delete multipart, delete', async () => {
    const vod = client();
    const created = await vod.createUploadVideo({
      title: 'T',
      fileName: 'a.mp4',
      fileSize: 10,
      tags: ['x', 'y'],
    });
    expect(created.mediaId).toMatch(/\w+/);
    const info = await vod.getVideoInfo(created.mediaId);
    expect(info.video).toMatchObject({ VideoId: created.mediaId, Title: 'T', Status: 'Uploading' });
    const infos = await vod.getVideoInfos([created.mediaId, 'f'.repeat(32)]);
    expect(infos.videos.map((v) => v.VideoId)).toEqual([created.mediaId]);
    expect(infos.missing).toEqual(['f'.repeat(32)]);
    await vod.deleteMultipartUpload(created.mediaId, 'video');
    expect(await vod.deleteVideo([created.mediaId])).toEqual({ missing: [], forbidden: [] });
    await expect(vod.getVideoInfo(created.mediaId)).rejects.toMatchObject({ code: 'InvalidVideo.NotFound' });
  });

  it('times out a stalled request and retries it', async () => {
    let retries = 0;
    const vod = client({
      readTimeoutMs: 300,
      sleep: async () => {
        retries += 1;
        emu.setFaults({ stallRate: 0 });
      },
    });
    const before = calls('CreateUploadImage');
    emu.setFaults({ stallRate: 1 });
    try {
      const image = await vod.createUploadImage({ title: 'I', imageExt: 'png' });
      expect(image.mediaId).toBeTruthy();
    } finally {
      emu.setFaults({ stallRate: 0 });
    }
    expect(retries).toBe(1);
    // The stalled request never reached the action handler (the emulator stalls before counting).
    expect(calls('CreateUploadImage') - before).toBe(1);
  });

  it('retries 5xx InternalError / ServiceUnavailable up to the limit, with typed errors', async () => {
    const vod = client({ maxAttempts: 3 });
    emu.setFaults({ errorRate: 1 });
    const before = calls('CreateUploadAttachedMedia');
    try {
      const failure = await vod
        .createUploadAttachedMedia({ title: 'S', businessType: 'subtitle', mediaExt: 'srt', fileSize: 5 })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ kind: 'api', attempts: 3, retryable: true });
      expect(['InternalError', 'ServiceUnavailable']).toContain((failure as { code: string }).code);
      expect((failure as { httpStatus: number }).httpStatus).toBeGreaterThanOrEqual(500);
      expect((failure as { requestId?: string }).requestId).toBeTruthy();
    } finally {
      emu.setFaults({ errorRate: 0 });
    }
    expect(calls('CreateUploadAttachedMedia') - before).toBe(3);
  });

  it('does not retry a parameter error', async () => {
    const vod = client();
    const before = calls('CreateUploadVideo');
    await expect(vod.createUploadVideo({ title: 'T', fileName: 'no-extension' })).rejects.toMatchObject({
      retryable: false,
      attempts: 1,
    });
    expect(calls('CreateUploadVideo') - before).toBe(1);
  });
});
