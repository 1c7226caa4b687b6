import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddSummary, JobView } from '../../../shared/domain/queue';
import type { HistoryRow } from '../../../shared/domain/history';
import { JsonFileLogger } from '../../../electron/core/log/json-file-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { historyToCsv } from '../../../electron/core/queue/history-export';
import { AppHarness, waitFor } from '../../helpers/app-harness';
import { startOrigin, type RunningOrigin } from '../../helpers/http-origin';

/** Pull mode end to end: the app's contract, a real SQLite queue, the emulator pulling from a local origin. */
describe('upload from URLs, pull mode', () => {
  let h: AppHarness;
  let origin: RunningOrigin;

  beforeAll(async () => {
    const files: Record<string, { size: number; seed: number }> = {};
    for (let i = 0; i < 50; i++) files[`/clips/clip-${i}.mp4`] = { size: 20_000 + i * 100, seed: i + 1 };
    files['/private/secret.mp4'] = { size: 10_000, seed: 99 };
    origin = await startOrigin(files);
    h = await AppHarness.start({
      prefix: 'vod-urls-',
      emulator: { transcodeDelay: 10 },
      app: (root) => {
        const redactor = new Redactor();
        const file = join(root, 'logs', 'main.log');
        return { redactor, logger: new JsonFileLogger({ file, redactor, level: 'debug' }), urlPollMs: 50 };
      },
      profileSettings: {},
    });
  });

  afterAll(async () => {
    await h?.stop();
    await origin?.stop();
  });

  it('a 50-link list ends with 50 media IDs; a 404 and an unsupported type fail with reasons', async () => {
    const good = Array.from({ length: 50 }, (_, i) => `${origin.base}/clips/clip-${i}.mp4`);
    const missing = `${origin.base}/clips/gone.mp4`;
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [...good, missing, `${origin.base}/clips/notes.pdf`, 'ftp://example.com/a.mp4', 'not a url'],
      options: { tags: ['rushes'] },
    });
    expect(summary.added).toBe(51);
    expect(summary.skipped.map((s) => s.reason)).toEqual([
      '.pdf files are not accepted by VOD',
      'only http and https links can be uploaded, not ftp',
      expect.stringContaining('not a valid URL'),
    ]);
    await h.services.whenIdle();

    const { jobs } = await h.call<{ jobs: JobView[] }>('queue:list', {});
    const done = jobs.filter((j) => j.status.state === 'done');
    expect(done).toHaveLength(50);
    expect(new Set(done.map((j) => j.mediaId)).size).toBe(50);
    const failed = jobs.filter((j) => j.status.state === 'failed');
    expect(failed.map((j) => j.path)).toEqual([missing]);
    expect(failed[0]!.status).toMatchObject({
      state: 'failed',
      error: { code: 'UrlPull.DownloadFailed', message: expect.stringContaining('404') },
    });

    // Every media ID is a video VOD made from the link, with the batch's metadata and the right size.
    const media = new Map(h.emulator.state().media.map((m) => [m.mediaId, m]));
    for (const job of done) expect(media.get(job.mediaId!)?.kind).toBe('video');
    const first = done.find((j) => j.path === good[0])!;
    expect(first.size).toBe(20_000);
    const calls = h.emulator.state().calls;
    // 51 links: three UploadMediaByURL calls at most 20 each.
    expect(calls.UploadMediaByURL).toBe(3);

    const { rows } = await h.call<{ rows: HistoryRow[] }>('history:list', {});
    expect(rows.filter((r) => r.path.startsWith(origin.base))).toHaveLength(50);
    const csv = historyToCsv(rows);
    expect(csv).toContain(`${origin.base}/clips/clip-7.mp4`);
  });

  it('keeps credentials in links out of the queue view, history and logs', async () => {
    const secretUrl = origin.base.replace('http://', 'http://editor:hunter2pass@') + '/private/secret.mp4';
    const signed = `${secretUrl}?Expires=1700000000&Signature=abcSECRETsig123`;
    const summary = await h.call<AddSummary>('queue:add-urls', { urls: [signed], urlMode: 'pull' });
    expect(summary.added).toBe(1);
    await h.services.whenIdle();
    const job = h.internals.store.jobs.get(summary.jobIds[0]!)!;
    expect(job.status.state).toBe('done');
    expect(job.path).toBe(`http://***@${origin.base.slice(7)}/private/secret.mp4?Expires=***&Signature=***`);
    // The origin saw the credentials (VOD used the real link); nothing we keep does.
    expect(origin.log.some((l) => l.path === '/private/secret.mp4' && l.auth?.startsWith('Basic '))).toBe(
      true,
    );
    expect(h.internals.store.urls.get(job.id)?.url).toBeNull();
    const { rows } = await h.call<{ rows: HistoryRow[] }>('history:list', {});
    const text = JSON.stringify(rows) + historyToCsv(rows);
    for (const logFile of await readdir(join(h.root, 'logs'))) {
      const log = await readFile(join(h.root, 'logs', logFile), 'utf8');
      expect(log).not.toContain('hunter2pass');
      expect(log).not.toContain('abcSECRETsig123');
    }
    expect(text).not.toContain('hunter2pass');
    expect(text).not.toContain('abcSECRETsig123');
  });

  it('refuses images in pull mode; images and links with a query go by relay by default', async () => {
    const summary = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/a.png`, `${origin.base}/b.mp4?token=x`],
    });
    expect(summary.added).toBe(2);
    for (const id of summary.jobIds) expect(h.internals.store.urls.get(id)?.mode).toBe('relay');
    // Neither is at the origin: relay asks it and fails them with its answer.
    await h.services.whenIdle();
    for (const id of summary.jobIds) {
      expect(h.internals.store.jobs.get(id)?.status).toMatchObject({
        state: 'failed',
        error: { code: 'OriginNotFound', message: expect.stringContaining('404') },
      });
    }
    const pull = await h.call<AddSummary>('queue:add-urls', {
      urls: [`${origin.base}/a.png`],
      urlMode: 'pull',
    });
    expect(pull.skipped[0]!.reason).toContain('VOD pulls only audio and video');
  });

  it('cancel: VOD cancels the link it has not started, and deletes what it made of the others', async () => {
    // The emulator fetches 4 links at a time: of 5 slow ones, the fifth waits in VOD (Pending).
    const paths = Array.from({ length: 5 }, (_, i) => `/slow/slow-${i}.mp4`);
    // Each trickles for about 8 s, so the four VOD started are still being fetched when the cancel arrives.
    paths.forEach((p, i) =>
      origin.files.set(p, { size: 40_000, seed: 300 + i, rate: 5_000, chunkSize: 2_000 }),
    );
    const urls = paths.map((p) => `${origin.base}${p}`);
    const before = h.emulator.state().calls;
    const summary = await h.call<AddSummary>('queue:add-urls', { urls, urlMode: 'pull' });
    expect(summary.added).toBe(5);
    const states = (): string[] => summary.jobIds.map((id) => h.internals.store.jobs.get(id)!.status.state);
    await waitFor(() => states().every((s) => s === 'uploading'), 30_000);

    await h.call('queue:cancel', { ids: summary.jobIds });
    expect(states()).toEqual(Array(5).fill('canceled'));
    await h.services.whenIdle();

    const after = h.emulator.state();
    expect((after.calls.CancelUrlUploadJobs ?? 0) - (before.CancelUrlUploadJobs ?? 0)).toBeGreaterThan(0);
    // The waiting link was canceled in VOD: the origin never saw it (the four others were fetched to the end).
    expect(new Set(origin.started.map((l) => l.path).filter((p) => paths.includes(p)))).toEqual(
      new Set(paths.slice(0, 4)),
    );
    expect(paths.slice(0, 4).map((p) => origin.bytesServed.get(p))).toEqual([40_000, 40_000, 40_000, 40_000]);
    // The four VOD had started became videos after the cancel; each was deleted: nothing is left.
    expect(after.media.filter((m) => urls.includes(m.params.SourceURL ?? ''))).toEqual([]);
    expect((after.calls.DeleteVideo ?? 0) - (before.DeleteVideo ?? 0)).toBeGreaterThan(0);
    expect(h.internals.store.ledger.pendingDeletions()).toEqual([]);
    expect(h.internals.store.urlCancels.all()).toEqual([]);
    const { rows } = await h.call<{ rows: HistoryRow[] }>('history:list', {});
    expect(rows.filter((r) => r.path.includes('/slow/'))).toEqual([]);
  }, 90_000);
});
