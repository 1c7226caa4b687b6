import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import {
  createAppServices,
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { pollOnce } from '../../../electron/core/app/vod-status-poller';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { crc64 } from '../../../electron/core/oss/crc64';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';

const desktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};

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
  let emulator: RunningEmulator;
  let root: string;
  let dataDir: string;
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;
  const snapshots: QueueSnapshot[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    root = await mkdtemp(join(tmpdir(), 'vod-app-'));
    dataDir = join(root, 'data');
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir,
      redactor: new Redactor(),
      logger: nullLogger,
      desktop,
      engine: engineTrust(emulator.config),
      vodStatusPollMs: 0,
    }));
    services.onSnapshot((s) => snapshots.push(s));
    dispatch = createDispatcher(services.handlers);
  });

  afterAll(async () => {
    await services?.shutdown();
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
    const started = Date.now();
    while (!(await predicate())) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('refuses to queue with no profile, with a message saying what to do', async () => {
    const folder = join(root, 'early');
    await mkdir(folder);
    await writeFile(join(folder, 'a.mp4'), bytes('early', 1000));
    await call('queue:add', { paths: [folder] });
    const failed = () =>
      internals.store.jobs.list().find((j) => j.name === 'a.mp4' && j.status.state === 'failed');
    await waitFor(() => failed() !== undefined);
    const status = failed()!.status;
    expect(status.state === 'failed' && status.error.code).toBe('NO_PROFILE');
    await call('queue:remove', { ids: [failed()!.id] });
    expect(internals.store.jobs.list()).toEqual([]);
  });

  it('uploads a dropped folder end to end and keeps media IDs in history and export', async () => {
    const profile = await call<{ id: string; hasSecret: boolean; accessKeyIdMasked?: string }>(
      'profiles:save',
      {
        name: 'Emulator',
        region: emulator.config.regionId,
        endpoint: emulator.config.vodEndpoint,
        defaults: { titleTemplate: '{folder} {name}', tags: ['rushes'] },
        credential: {
          kind: 'access-key',
          accessKeyId: emulator.config.accessKeyId,
          accessKeySecret: emulator.config.accessKeySecret,
        },
      },
    );
    expect(profile.hasSecret).toBe(true);
    await call('settings:set', { defaultProfileId: profile.id, partSize: 256 * 1024 });

    const folder = join(root, 'Rushes', 'Day1');
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

    const summary = await call<{ added: number; skipped: { path: string; reason: string }[] }>('queue:add', {
      paths: [join(root, 'Rushes')],
    });
    expect(summary.added).toBe(4);
    expect(summary.skipped.map((s) => s.path.split('/').pop()).sort()).toEqual(['.DS_Store', 'notes.txt']);

    await waitFor(() => internals.store.jobs.list().every((j) => j.status.state === 'done'));
    const history = await call<{
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
    const objects = emulator.state().objects;
    for (const name of ['A001.mov', 'A002.mp4', 'still.png']) {
      const expected = crc64(files[name as keyof typeof files]);
      expect(objects.some((o) => o.crc64 === expected)).toBe(true);
    }

    // Snapshots carried the rows as they moved and ended with the totals done.
    // Snapshots are throttled: the one that reports the last completion follows within an interval.
    await waitFor(() => snapshots.at(-1)?.totals.counts['done'] === 4, 5_000);
    const jobIds = internals.store.jobs.list().map((j) => j.id);
    const carried = new Set(snapshots.flatMap((s) => s.changed.map((row) => row.id)));
    expect(jobIds.every((id) => carried.has(id))).toBe(true);

    const csv = await call<{ content: string; fileName: string }>('history:export', { format: 'csv' });
    expect(csv.fileName).toMatch(/\.csv$/);
    for (const row of history.rows) expect(csv.content).toContain(row.mediaId);

    // Adding the same folder again reports duplicates instead of re-uploading.
    const again = await call<{ added: number; duplicates: unknown[] }>('queue:add', {
      paths: [join(root, 'Rushes')],
    });
    expect(again.added).toBe(0);
    expect(again.duplicates).toHaveLength(4);
  });

  it('polls VOD until videos settle and records the status in history', async () => {
    emulator.finishTranscoding();
    await emulator.transcodingIdle();
    const updated = await pollOnce(
      {
        history: internals.store.history,
        vodClientFor: (id) => internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    expect(updated).toBe(2);
    const rows = internals.store.history.list({}).rows.filter((r) => r.kind === 'video');
    expect(rows.map((r) => r.vodStatus)).toEqual(['Normal', 'Normal']);
    // Once processed, the duration and cover VOD reports (GetVideoInfos) are kept with the history row.
    expect(rows.every((r) => r.duration !== null && r.duration > 0 && r.coverUrl?.startsWith('http'))).toBe(
      true,
    );
    // Settled videos are no longer polled.
    expect(internals.store.history.listProcessing(0, 100)).toEqual([]);
  });

  it.each(['cancel-me.mp4', 'cancel-me.jpg', 'cancel-me.srt'])(
    'cancels a running upload (%s): aborts the multipart upload and, when asked, deletes the media in VOD',
    async (name) => {
      emulator.setFaults({ bandwidth: 2 * 1024 * 1024 });
      try {
        const file = join(root, name);
        await writeFile(file, bytes(name, 6 * 1024 * 1024));
        const { jobIds } = await call<{ jobIds: string[] }>('queue:add', { paths: [file] });
        const id = jobIds[0]!;
        await waitFor(() => emulator.uploads().length > 0 && internals.store.parts.list(id).length > 0);
        const mediaId = internals.store.jobs.get(id)!.mediaId!;
        expect(emulator.state().media.some((m) => m.mediaId === mediaId)).toBe(true);

        await call('queue:cancel', { ids: [id], deleteRemote: true });
        expect(internals.store.jobs.get(id)!.status).toEqual({ state: 'canceled' });
        expect(emulator.uploads()).toEqual([]);
        expect(emulator.state().media.some((m) => m.mediaId === mediaId)).toBe(false);
        expect(internals.store.history.list({ query: name }).total).toBe(0);

        // Removing it clears the row; the next snapshot reports the removal.
        await call('queue:remove', { ids: [id] });
        await waitFor(() => snapshots.some((s) => s.removed.includes(id)), 5_000);
      } finally {
        emulator.setFaults({ bandwidth: 0 });
      }
    },
  );

  it('reports activity for the shell and refuses a second engine on the same data dir', async () => {
    await waitFor(() => services.activity().active === 0, 5_000);
    expect(services.activity()).toMatchObject({ active: 0, queued: 0, failed: 0, progress: null });
    await expect(
      createAppServices({ dataDir, redactor: new Redactor(), desktop, vodStatusPollMs: 0 }),
    ).rejects.toMatchObject({ code: 'DB_IN_USE' });
  });
});
