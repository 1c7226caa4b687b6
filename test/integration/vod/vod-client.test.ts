import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
    await vod.deleteMultipartUpload(created.mediaId);
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

describe('VodClient and a server clock 20 minutes ahead (InvalidTimeStamp.Expired)', () => {
  const twentyMinutes = 20 * 60;
  afterEach(() => {
    emu.setFaults({ skew: 0 });
  });

  it('learns the offset from the server’s Date, re-dates the request and succeeds', async () => {
    emu.setFaults({ skew: twentyMinutes });
    const vod = client();
    const before = calls('CreateUploadVideo');
    const created = await vod.createUploadVideo({ title: 'T', fileName: 'skew.mp4' });
    expect(created.mediaId).toMatch(/\w+/);
    // One refusal (dated by our clock), one success (dated by the server's).
    expect(calls('CreateUploadVideo') - before).toBe(2);
    expect(vod.clock.offsetMs).toBeGreaterThan(19.9 * 60_000);
    expect(vod.clock.offsetMs).toBeLessThan(20.1 * 60_000);
    // The next call is dated right at once.
    const infos = calls('GetVideoInfo');
    await vod.getVideoInfo(created.mediaId);
    expect(calls('GetVideoInfo') - infos).toBe(1);
  });

  it('when the server’s clock cannot be read, the error says the clock is probably off', async () => {
    emu.setFaults({ skew: twentyMinutes });
    const vod = client({ probeServerTime: async () => undefined });
    const err = await vod.createUploadVideo({ title: 'T', fileName: 'skew.mp4' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidTimeStamp.Expired', retryable: false });
    expect((err as Error).message).toMatch(
      /refused the request's time.*clock is probably more than 15 minutes off Alibaba Cloud's/,
    );
  });

  it('when correcting cannot work, the error names the clock and the amount', async () => {
    // The server is 20 minutes ahead, but whatever reads its clock claims our clock is 20 minutes ahead of it
    // (e.g. a proxy rewriting Date): the corrected request is refused too, and the message says what we saw.
    emu.setFaults({ skew: twentyMinutes });
    const vod = client({
      probeServerTime: async () => ({ serverTimeMs: Date.now() - 20 * 60_000, localTimeMs: Date.now() }),
    });
    const before = calls('CreateUploadVideo');
    const err = await vod.createUploadVideo({ title: 'T', fileName: 'skew.mp4' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/this computer's clock is 20 minutes ahead of Alibaba Cloud's/i);
    expect(calls('CreateUploadVideo') - before).toBe(2);
  });
});
