import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchFolderView } from '../../../shared/domain/watch';
import { AppHarness, waitFor } from '../../helpers/app-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A watched folder whose preset was deleted (real file system, real SQLite, the emulator): it says why at
 * once, queues nothing with other options than the person chose, and once a preset (or none) is chosen the
 * files that waited are queued with it.
 */
describe('a watched folder whose preset was deleted', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await AppHarness.start({
      prefix: 'vod-watch-preset-',
      app: { watchSettleMs: 800 },
      profileSettings: { partSize: 256 * 1024 },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const view = async (id: string) =>
    (await h.call<WatchFolderView[]>('watch:list', {})).find((f) => f.id === id)!;
  const jobsIn = (folder: string) => h.internals.store.jobs.list().filter((j) => j.path.startsWith(folder));

  it('shows the reason, queues nothing, and queues the waiting files once a preset is chosen', async () => {
    const folder = join(h.root, 'Exports');
    await mkdir(folder);
    await h.call('presets:save', { name: 'Promo', options: { tags: ['promo'] } });
    await h.call('presets:save', { name: 'Archive', options: { tags: ['archive'] } });
    const added = await h.call<WatchFolderView>('watch:add', { path: folder, preset: 'Promo' });
    await waitFor(async () => (await view(added.id)).state === 'watching');

    await h.call('presets:delete', { name: 'Promo' });
    // The folder says so at once (before: only on its next file or start)…
    expect((await view(added.id)).lastError).toMatch(/preset "Promo" was deleted: choose a preset/);
    // …and again after a restart.
    await h.closeApp();
    await h.openApp();
    await waitFor(async () => (await view(added.id)).state === 'watching');
    expect((await view(added.id)).lastError).toMatch(/preset "Promo" was deleted: choose a preset/);

    await writeFile(join(folder, 'clip.mp4'), randomBytes(50_000));
    await sleep(2500); // well past the settle time: the file is complete, and must not be queued
    expect(jobsIn(folder)).toHaveLength(0);

    const updated = await h.call<WatchFolderView>('watch:update', { id: added.id, preset: 'Archive' });
    expect(updated.lastError).toBeNull();
    await waitFor(() => jobsIn(folder).length === 1, 30_000);
    expect(jobsIn(folder)[0]!.metadata.tags).toEqual(['archive']);
  }, 60_000);
});
