import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import { createAppServices } from '../../../electron/core/app/create-app-services';
import { pollOnce } from '../../../electron/core/app/vod-status-poller';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { crc64 } from '../../../electron/core/oss/crc64';
import { AppHarness, noDesktop, waitFor } from '../../helpers/app-harness';

function bytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/**
 * The composition root against the real emulator and a real SQLite file: the same object the Electron shell,
 * the browser host and the CLI drive, exercised only through the contract (dispatch) as a renderer would.
 */
describe('createAppServices', () => {
  let h: AppHarness;
  const snapshots: QueueSnapshot[] = [];

  beforeAll(async () => {
    h = await AppHarness.start({ prefix: 'vod-app-' });
    h.services.onSnapshot((s) => snapshots.push(s));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses to queue with no profile, with a message saying what to do', async () => {
    const folder = join(h.root, 'early');
    await mkdir(folder);
    await writeFile(join(folder, 'a.mp4'), bytes('early', 1000));
    await h.call('queue:add', { paths: [folder] });
    const failed = () =>
      h.internals.store.jobs.list().find((j) => j.name === 'a.mp4' && j.status.state === 'failed');
    await waitFor(() => failed() !== undefined);
    const status = failed()!.status;
    expect(status.state === 'failed' && status.error.code).toBe('NO_PROFILE');
    await h.call('queue:remove', { ids: [failed()!.id] });
    expect(h.internals.store.jobs.list()).toEqual([]);
  });

  it('uploads a dropped folder end to end and keeps media IDs in history and export', async () => {
    const profile = await h.call<{ id: string; hasSecret: boolean; accessKeyIdMasked?: string }>(
      'profiles:save',
      {
        name: 'Emulator',
        region: h.emulator.config.regionId,
        endpoint: h.emulator.config.vodEndpoint,
        defaults: { titleTemplate: '{folder} {name}', tags: ['rushes'] },
        credential: {
          kind: 'access-key',
          accessKeyId: h.emulator.config.accessKeyId,
          accessKeySecret: h.emulator.config.accessKeySecret,
        },
      },
    );
    expect(profile.hasSecret).toBe(true);
    await h.call('settings:set', { defaultProfileId: profile.id, partSize: 256 * 1024 });

    const folder = join(h.root, 'Rushes', 'Day1');
    await mkdir(folder, { recursive: true });
    const files = {
      'A001.mov': bytes('A001', 1_300_000),
      'A002.mp4': bytes('A002', 40_000),
      'still.png': bytes('still', 5_000),
      'subs.srt': Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHello\n'),
      '.DS_Store': Buffer.from('junk'),
      'notes.txt': Buffer.from('not media'),
    };
    for (const [name, data] of Object.entries(files)) await writeFile(join(folder, name), data);

    const summary = await h.call<{ added: number; skipped: { path: string; reason: string }[] }>(
      'queue:add',
      {
        paths: [join(h.root, 'Rushes')],
      },
    );
    expect(summary.added).toBe(4);
    expect(summary.skipped.map((s) => s.path.split('/').pop()).sort()).toEqual(['.DS_Store', 'notes.txt']);

    await waitFor(() => h.internals.store.jobs.list().every((j) => j.status.state === 'done'));
    const history = await h.call<{
      rows: { mediaId: string; name: string; kind: string; profileName: string }[];
    }>('history:list', {});
    expect(history.rows.map((r) => r.name).sort()).toEqual(['A001.mov', 'A002.mp4', 'still.png', 'subs.srt']);
    expect(new Set(history.rows.map((r) => r.mediaId)).size).toBe(4);
    expect(history.rows.every((r) => r.profileName === 'Emulator')).toBe(true);
    expect(Object.fromEntries(history.rows.map((r) => [r.name, r.kind]))).toMatchObject({
      'A001.mov': 'video',
      'still.png': 'image',
      'subs.srt': 'attached',
    });

    // Every object's CRC on the server matches the local file.
    const objects = h.emulator.state().objects;
    for (const name of ['A001.mov', 'A002.mp4', 'still.png']) {
      const expected = crc64(files[name as keyof typeof files]);
      expect(objects.some((o) => o.crc64 === expected)).toBe(true);
    }

    // Snapshots carried the rows as they moved and ended with the totals done.
    // Snapshots are throttled: the one that reports the last completion follows within an interval.
    await waitFor(() => snapshots.at(-1)?.totals.counts['done'] === 4, 5_000);
    const jobIds = h.internals.store.jobs.list().map((j) => j.id);
    const carried = new Set(snapshots.flatMap((s) => s.changed.map((row) => row.id)));
    expect(jobIds.every((id) => carried.has(id))).toBe(true);

    const csv = await h.call<{ content: string; fileName: string }>('history:export', { format: 'csv' });
    expect(csv.fileName).toMatch(/\.csv$/);
    for (const row of history.rows) expect(csv.content).toContain(row.mediaId);

    // Adding the same folder again reports duplicates instead of re-uploading.
    const again = await h.call<{ added: number; duplicates: unknown[] }>('queue:add', {
      paths: [join(h.root, 'Rushes')],
    });
    expect(again.added).toBe(0);
    expect(again.duplicates).toHaveLength(4);
  });

  it('polls VOD until videos settle and records the status in history', async () => {
    h.emulator.finishTranscoding();
    await h.emulator.transcodingIdle();
    const updated = await pollOnce(
      {
        history: h.internals.store.history,
        vodClientFor: (id) => h.internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    expect(updated).toBe(2);
    const rows = h.internals.store.history.list({}).rows.filter((r) => r.kind === 'video');
    expect(rows.map((r) => r.vodStatus)).toEqual(['Normal', 'Normal']);
    // Once processed, the duration and cover VOD reports (GetVideoInfos) are kept with the history row.
    expect(rows.every((r) => r.duration !== null && r.duration > 0 && r.coverUrl?.startsWith('http'))).toBe(
      true,
    );
    // Settled videos are no longer polled.
    expect(h.internals.store.history.listProcessing(0, 100)).toEqual([]);
  });

  it.each(['cancel-me.mp4', 'cancel-me.jpg', 'cancel-me.srt'])(
    'cancels a running upload (%s): aborts the multipart upload and, when asked, deletes the media in VOD',
    async (name) => {
      h.emulator.setFaults({ bandwidth: 2 * 1024 * 1024 });
      try {
        const file = join(h.root, name);
        await writeFile(file, bytes(name, 6 * 1024 * 1024));
        const { jobIds } = await h.call<{ jobIds: string[] }>('queue:add', { paths: [file] });
        const id = jobIds[0]!;
        await waitFor(() => h.emulator.uploads().length > 0 && h.internals.store.parts.list(id).length > 0);
        const mediaId = h.internals.store.jobs.get(id)!.mediaId!;
        expect(h.emulator.state().media.some((m) => m.mediaId === mediaId)).toBe(true);

        await h.call('queue:cancel', { ids: [id], deleteRemote: true });
        expect(h.internals.store.jobs.get(id)!.status).toEqual({ state: 'canceled' });
        expect(h.emulator.uploads()).toEqual([]);
        expect(h.emulator.state().media.some((m) => m.mediaId === mediaId)).toBe(false);
        expect(h.internals.store.history.list({ query: name }).total).toBe(0);

        // Removing it clears the row; the next snapshot reports the removal.
        await h.call('queue:remove', { ids: [id] });
        await waitFor(() => snapshots.some((s) => s.removed.includes(id)), 5_000);
      } finally {
        h.emulator.setFaults({ bandwidth: 0 });
      }
    },
  );

  it('reports activity for the shell and refuses a second engine on the same data dir', async () => {
    await waitFor(() => h.services.activity().active === 0, 5_000);
    expect(h.services.activity()).toMatchObject({ active: 0, queued: 0, failed: 0, progress: null });
    await expect(
      createAppServices({
        dataDir: h.dataDir,
        redactor: new Redactor(),
        desktop: noDesktop,
        vodStatusPollMs: 0,
      }),
    ).rejects.toMatchObject({ code: 'DB_IN_USE' });
  });
});
