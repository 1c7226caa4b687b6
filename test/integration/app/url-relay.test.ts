import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddSummary } from '../../../shared/domain/queue';
import type { HistoryRow } from '../../../shared/domain/history';
import { crc64 } from '../../../electron/core/oss/crc64';
import { JsonFileLogger } from '../../../electron/core/log/json-file-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { historyToCsv } from '../../../electron/core/queue/history-export';
import { AppHarness, waitFor } from '../../helpers/app-harness';
import { startOrigin, type RunningOrigin } from '../../helpers/http-origin';

const MiB = 1024 * 1024;

/** Relay mode end to end: the app's contract, a real SQLite queue, a local origin, the emulator's OSS. */
describe('upload from URLs, relay mode', () => {
  let h: AppHarness;
  let origin: RunningOrigin;

  beforeAll(async () => {
    origin = await startOrigin({
      '/private/secret.mp4': { size: 3 * MiB + 17, seed: 1 },
      '/drop.mp4': { size: 2 * MiB + 5, seed: 2 },
      '/pause.mp4': { size: 4 * MiB, seed: 3 },
      '/late.mp4': { size: 4 * MiB, seed: 4 },
      '/bare.mov': { size: 2 * MiB + 3, seed: 5, bare: true },
      '/still.png': { size: 30_000, seed: 6 },
      '/cancel.mp4': { size: 4 * MiB, seed: 7, rate: 512 * 1024 },
    });
    h = await AppHarness.start({
      prefix: 'vod-relay-',
      app: (root) => {
        const redactor = new Redactor();
        const file = join(root, 'logs', 'main.log');
        return {
          redactor,
          logger: new JsonFileLogger({ file, redactor, level: 'debug' }),
          engine: { retry: { backoff: { baseMs: 20, maxMs: 200, minMs: 10 } } },
        };
      },
      // The smallest part OSS takes, so a few MiB make several parts.
      profileSettings: { partSize: 100 * 1024 },
    });
  });

  afterAll(async () => {
    await h?.stop();
    await origin?.stop();
  });

  /** The object OSS holds for a media, with the CRC-64 the emulator computed of the bytes it stored. */
  function objectOf(mediaId: string): { size: number; crc64: string } {
    const state = h.emulator.state();
    const media = state.media.find((m) => m.mediaId === mediaId);
    const object = state.objects.find((o) => o.bucket === media?.bucket && o.key === media?.key);
    if (!object) throw new Error(`no object for media ${mediaId}`);
    return { size: object.size, crc64: object.crc64 };
  }

  function contentOf(path: string): { size: number; crc64: string } {
    const bytes = origin.content(path);
    return { size: bytes.length, crc64: crc64(bytes) };
  }

  it('relays a private link part by part with ranged GETs; the link never reaches logs or history', async () => {
    const url =
      origin.base.replace('http://', 'http://editor:hunter2pass@') +
      '/private/secret.mp4?sig=abcSECRETsig123';
    const summary = await h.call<AddSummary>('queue:add-urls', { urls: [url] });
    expect(summary.added).toBe(1);
    const id = summary.jobIds[0]!;
    expect(h.internals.store.urls.get(id)?.mode).toBe('relay');
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(id)!;
    expect(job.status).toMatchObject({ state: 'done' });
    expect(job.size).toBe(3 * MiB + 17);
    const expected = origin.content('/private/secret.mp4');
    expect(objectOf(job.mediaId!)).toEqual(contentOf('/private/secret.mp4'));
    const { rows } = await h.call<{ rows: HistoryRow[] }>('history:list', {});
    const row = rows.find((r) => r.mediaId === job.mediaId)!;
    expect(row.crc64).toBe(crc64(expected));
    // Parts were ranged GETs with the pinned ETag as If-Range, each answered 206, with the link's password.
    const gets = origin.log.filter((l) => l.path === '/private/secret.mp4');
    expect(gets.filter((l) => l.status === 206).length).toBeGreaterThan(10);
    expect(gets.every((l) => l.range !== undefined && l.auth?.startsWith('Basic '))).toBe(true);
    expect(
      origin.started.filter((l) => l.path === '/private/secret.mp4' && l.ifRange).length,
    ).toBeGreaterThan(10);
    expect(h.internals.store.urls.get(id)?.url).toBeNull();
    const text = JSON.stringify(rows) + historyToCsv(rows) + JSON.stringify(job);
    for (const logFile of await readdir(join(h.root, 'logs'))) {
      const log = await readFile(join(h.root, 'logs', logFile), 'utf8');
      expect(log).not.toContain('hunter2pass');
      expect(log).not.toContain('abcSECRETsig123');
    }
    expect(text).not.toContain('hunter2pass');
    expect(text).not.toContain('abcSECRETsig123');
  });

  it('retries a download the origin cut mid-body and completes with the right CRC-64', async () => {
    const file = origin.files.get('/drop.mp4')!;
    file.dropAfter = 50_000;
    file.drops = 3;
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/drop.mp4`],
      urlMode: 'relay',
    });
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(summary.jobIds[0]!)!;
    expect(job.status).toMatchObject({ state: 'done' });
    expect(file.drops).toBe(0);
    // Only the cut parts were asked again (each drop costs one more GET of that range), not the whole link.
    const ranges = origin.started
      .filter((r) => r.path === '/drop.mp4' && r.range !== 'bytes=0-0')
      .map((r) => r.range);
    const again = ranges.length - new Set(ranges).size;
    expect(again).toBeGreaterThanOrEqual(1);
    expect(again).toBeLessThanOrEqual(3);
    expect(objectOf(job.mediaId!)).toEqual(contentOf('/drop.mp4'));
  });

  it('reads an origin without Range support as one stream', async () => {
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/bare.mov`],
      urlMode: 'relay',
    });
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(summary.jobIds[0]!)!;
    expect(job.status).toMatchObject({ state: 'done' });
    expect(objectOf(job.mediaId!)).toEqual(contentOf('/bare.mov'));
    // The probe, then one GET of the whole file, then the probe before Complete.
    expect(origin.started.filter((l) => l.path === '/bare.mov' && l.range === undefined)).toHaveLength(1);
  });

  it('relays an image by default', async () => {
    const summary = await h.call<AddSummary>('queue:add-urls', { urls: [`${origin.base}/still.png`] });
    expect(summary.added).toBe(1);
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(summary.jobIds[0]!)!;
    expect(job.status).toMatchObject({ state: 'done' });
    expect(h.emulator.state().media.find((m) => m.mediaId === job.mediaId)?.kind).toBe('image');
  });

  it('fails clearly when the content changed across a pause, and leaves no media Uploading', async () => {
    const file = origin.files.get('/pause.mp4')!;
    file.rate = 1 * MiB;
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/pause.mp4`],
      urlMode: 'relay',
    });
    const id = summary.jobIds[0]!;
    await waitFor(() => h.internals.store.parts.list(id).length >= 2, 120_000);
    await h.call('queue:pause', { ids: [id] });
    const mediaId = h.internals.store.jobs.get(id)!.mediaId!;
    file.seed = 33;
    file.rate = 0;
    await h.call('queue:resume', { ids: [id] });
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(id)!;
    expect(job.status).toMatchObject({
      state: 'failed',
      error: { code: 'SourceChanged', message: expect.stringContaining('ETag went from') },
    });
    // Nothing of the old content waits in VOD, and the job starts over on retry.
    await waitFor(() =>
      h.emulator.state().media.every((m) => m.mediaId !== mediaId || m.status === 'Deleted'),
    );
    expect(job.mediaId).toBeNull();
    expect(h.emulator.state().media.filter((m) => m.status === 'Uploading')).toEqual([]);
    await h.call('queue:retry', { ids: [id] });
    await h.services.whenIdle();
    const retried = h.internals.store.jobs.get(id)!;
    expect(retried.status.state).toBe('done');
    expect(objectOf(retried.mediaId!)).toEqual(contentOf('/pause.mp4'));
  });

  it('fails clearly when the content changed after the last part, before Complete', async () => {
    const file = origin.files.get('/late.mp4')!;
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/late.mp4`],
      urlMode: 'relay',
    });
    const id = summary.jobIds[0]!;
    // The content changes once every part was fetched: only the check before Complete can see it.
    const probes = (): number =>
      origin.started.filter((l) => l.path === '/late.mp4' && l.range === 'bytes=0-0').length;
    const parts = Math.ceil(file.size / (100 * 1024));
    await waitFor(
      () => origin.started.filter((l) => l.path === '/late.mp4' && l.range !== 'bytes=0-0').length >= parts,
      120_000,
      5,
    );
    file.seed = 44;
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(id)!;
    expect(probes()).toBeGreaterThanOrEqual(2);
    expect(job.status).toMatchObject({ state: 'failed', error: { code: 'SourceChanged' } });
    await waitFor(() => h.emulator.state().media.every((m) => m.status !== 'Uploading'));

    // "Upload again" (what the app offers for a changed source) queues the same link anew, in the same mode.
    const again = await h.call<AddSummary>('queue:upload-again', { ids: [id] });
    expect(again.added).toBe(1);
    expect(h.internals.store.jobs.get(id)).toBeUndefined();
    const newId = again.jobIds[0]!;
    expect(h.internals.store.urls.get(newId)?.mode).toBe('relay');
    await h.services.whenIdle();
    const fresh = h.internals.store.jobs.get(newId)!;
    expect(fresh.status.state).toBe('done');
    expect(fresh.path).toBe(job.path);
    expect(objectOf(fresh.mediaId!)).toEqual(contentOf('/late.mp4'));
  });

  it('cancel stops the download and removes what was uploaded: no media, no open multipart upload', async () => {
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/cancel.mp4`],
      urlMode: 'relay',
    });
    const id = summary.jobIds[0]!;
    await waitFor(() => h.internals.store.parts.list(id).length >= 1, 120_000);
    const mediaId = h.internals.store.jobs.get(id)!.mediaId!;
    await h.call('queue:cancel', { ids: [id], deleteRemote: true });
    expect(h.internals.store.jobs.get(id)!.status.state).toBe('canceled');
    await waitFor(() => h.emulator.state().media.every((m) => m.mediaId !== mediaId));
    expect(h.emulator.uploads()).toEqual([]);
    const { rows } = await h.call<{ rows: HistoryRow[] }>('history:list', {});
    expect(rows.some((r) => r.path.endsWith('/cancel.mp4'))).toBe(false);
  });
});
