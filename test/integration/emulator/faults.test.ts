import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { ossClient, ossError, videoGrant } from './oss-client';
import { callAction, callError, openApiClient } from './vod-client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
});
afterEach(() => {
  emu.setFaults({
    resetRate: 0,
    stallRate: 0,
    latency: 0,
    bandwidth: 0,
    perConnectionBandwidth: 0,
    errorRate: 0,
  });
});
afterAll(async () => {
  await emu.stop();
});

const control = (path: string, body?: unknown) =>
  fetch(`${emu.config.vodEndpoint}/__emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('fault injection', () => {
  it('--reset-rate destroys the connection mid-body; the partial bytes count, nothing is stored', async () => {
    const grant = await videoGrant(emu.config);
    emu.setFaults({ resetRate: 1 });
    const before = emu.state().bytesReceived;
    const err = await ossError(ossClient(grant).put(grant.key, randomBytes(300 * 1024)));
    expect(err.status).toBe(-1); // ali-oss: a network error
    const received = emu.state().bytesReceived - before;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(300 * 1024);
    expect(emu.state().objects.some((o) => o.key === grant.key)).toBe(false);
  });

  it('--stall-rate accepts a request and never answers, until the client gives up', async () => {
    const grant = await videoGrant(emu.config);
    emu.setFaults({ stallRate: 1 });
    const err = await ossError(ossClient(grant, { timeout: 400 }).put(grant.key, Buffer.from('x')));
    // ali-oss 6.23 names it; its status is left undefined here (not the -2 the reference expects).
    expect(err.name).toBe('ResponseTimeoutError');
    const vodErr = await callError(
      callAction(openApiClient(emu.config, { readTimeout: 400 }), 'GetVideoInfos', { VideoIds: 'a' }),
    );
    expect(vodErr.message).toMatch(/timeout/i);
    emu.setFaults({ stallRate: 0 });
    await expect(ossClient(grant).put(grant.key, Buffer.from('x'))).resolves.toBeTruthy();
  });

  it('--latency delays every response', async () => {
    emu.setFaults({ latency: 300 });
    const started = performance.now();
    await callAction(openApiClient(emu.config), 'GetVideoInfos', { VideoIds: 'a' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('--bandwidth caps upload throughput (shared), and perConnectionBandwidth caps each connection', async () => {
    const grant = await videoGrant(emu.config);
    emu.setFaults({ bandwidth: 1_000_000 });
    let started = performance.now();
    await ossClient(grant).put(grant.key, randomBytes(600_000));
    // 600 KB at 1 MB/s, less the 50 ms burst allowance.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    emu.setFaults({ bandwidth: 0, perConnectionBandwidth: 1_000_000 });
    started = performance.now();
    await ossClient(grant).put(grant.key, randomBytes(600_000));
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('the same --seed replays the same faults', async () => {
    const outcomes = async (seed: number) => {
      const e = await startEmulator({ seed, errorRate: 0.5 });
      const client = openApiClient(e.config);
      const seen: string[] = [];
      for (let i = 0; i < 16; i++) {
        seen.push(
          await callAction(client, 'GetVideoInfos', { VideoIds: 'a' }).then(
            () => 'ok',
            (err: { code: string }) => err.code,
          ),
        );
      }
      await e.stop();
      return seen;
    };
    const a = await outcomes(99);
    expect(await outcomes(99)).toEqual(a);
    expect(await outcomes(100)).not.toEqual(a);
    expect(a).toContain('ok');
    expect(a.some((o) => o !== 'ok')).toBe(true);
  });
});

describe('control endpoints', () => {
  it('POST /__emulator/faults changes settings at run time and refuses unknown or out-of-range ones', async () => {
    const res = await control('faults', { errorRate: 0.25, latency: 5 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ errorRate: 0.25, latency: 5 });
    expect(emu.faults()).toMatchObject({ errorRate: 0.25, latency: 5 });
    expect((await control('faults', { bogus: 1 })).status).toBe(400);
    expect((await control('faults', { errorRate: 2 })).status).toBe(400);
    expect(emu.faults().errorRate).toBe(0.25);
  });

  it('GET /__emulator/state has the documented shape', async () => {
    const grant = await videoGrant(emu.config);
    await ossClient(grant).put(grant.key, Buffer.from('state'));
    const state = (await (await control('state')).json()) as Record<string, any>;
    expect(Object.keys(state).sort()).toEqual(['bytesReceived', 'calls', 'media', 'objects']);
    expect(state.media).toContainEqual({
      mediaId: grant.mediaId,
      kind: 'video',
      status: expect.any(String),
      title: expect.any(String),
      bucket: grant.bucket,
      key: grant.key,
      params: expect.objectContaining({ Title: expect.any(String) }),
    });
    expect(state.objects).toContainEqual({
      bucket: grant.bucket,
      key: grant.key,
      size: 5,
      crc64: expect.any(String),
    });
    expect(state.calls.CreateUploadVideo).toBeGreaterThan(0);
    expect(state.calls.PutObject).toBeGreaterThan(0);
  });

  it('POST /__emulator/users adds a RAM user; transcode/finish moves videos to Normal', async () => {
    const user = (await (await control('users', { allowUpload: false })).json()) as {
      accessKeyId: string;
      accessKeySecret: string;
    };
    expect(
      await callError(
        callAction(openApiClient(emu.config, user), 'CreateUploadVideo', { Title: 't', FileName: 'a.mp4' }),
      ),
    ).toMatchObject({ code: 'Forbidden.RAM' });
    emu.setFaults({ transcodeDelay: 60_000 });
    const grant = await videoGrant(emu.config);
    await ossClient(grant).put(grant.key, Buffer.from('v'));
    const status = () => emu.state().media.find((m) => m.mediaId === grant.mediaId)!.status;
    expect(status()).toBe('UploadSucc');
    expect((await control('transcode/finish', {})).status).toBe(200);
    expect(status()).toBe('Normal');
  });
});
