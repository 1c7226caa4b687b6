import { randomBytes } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchService } from '../../../electron/core/watch/watch-service';
import { AppHarness, waitFor as waitUntil } from '../../helpers/app-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 1500;
const waitFor = (predicate: () => boolean, timeoutMs = 90_000) => waitUntil(predicate, timeoutMs, 100);

/**
 * Symbolic links inside a watched folder, on the real file system into the real emulator: a link to a folder
 * elsewhere (a share, a card) is followed, files in it go up once under the link's path; a link back to a
 * parent (a loop) and a second link to a folder already watched are not followed, so nothing goes twice.
 */
describe('watch folders and symbolic links', () => {
  let h: AppHarness;
  let watched: string;
  let elsewhere: string;
  let watch: WatchService;

  beforeAll(async () => {
    h = await AppHarness.start({ prefix: 'vod-watch-links-', profileSettings: { partSize: 256 * 1024 } });
    watched = join(h.root, 'Exports');
    elsewhere = join(h.root, 'Share');
    await mkdir(join(watched, 'Card A'), { recursive: true });
    await mkdir(join(elsewhere, 'Day 1'), { recursive: true });
    await writeFile(join(watched, 'Card A', 'A001.mp4'), randomBytes(40_000));
    await writeFile(join(elsewhere, 'Day 1', 'S001.mp4'), randomBytes(30_000));
    await symlink(elsewhere, join(watched, 'Share link'));
    await symlink(watched, join(watched, 'Card A', 'loop')); // back to the watched folder itself
    await symlink(join(watched, 'Card A'), join(watched, 'Card A again')); // a second way in
    await symlink(watched, join(elsewhere, 'back')); // the outside folder links back in
    await symlink(join(h.root, 'nowhere'), join(watched, 'broken'));
    watch = new WatchService({
      store: h.internals.store.watchFolders,
      enqueue: (paths, options) => h.internals.engine.enqueue(paths, options),
      settleMs: SETTLE_MS,
      presenceCheckMs: 500,
    });
    await watch.start();
  });

  afterAll(async () => {
    await watch?.stop();
    await h?.stop();
  });

  const jobPaths = () =>
    h.internals.store.jobs
      .list()
      .map((j) => j.path)
      .sort();

  it('follows a link to a folder elsewhere, once, and never a loop or a second way in', async () => {
    const added = await watch.add({ path: watched });
    await waitFor(() => jobPaths().length >= 2);
    // A loop would have queued Card A/loop/Card A/A001.mp4 and so on; the second way in, Card A again/A001.mp4.
    await sleep(3 * SETTLE_MS);
    await watch.checkNow();
    expect(jobPaths()).toEqual([
      join(watched, 'Card A', 'A001.mp4'),
      join(watched, 'Share link', 'Day 1', 'S001.mp4'),
    ]);
    expect(watch.list().find((f) => f.id === added.id)?.state).toBe('watching');

    // A file that lands in the linked folder later is seen through the link.
    await writeFile(join(elsewhere, 'Day 1', 'S002.mp4'), randomBytes(20_000));
    await waitFor(() => jobPaths().includes(join(watched, 'Share link', 'Day 1', 'S002.mp4')));
    await waitFor(() => h.internals.store.jobs.list().every((j) => j.status.state === 'done'));
    expect(h.emulator.state().media).toHaveLength(3);
  }, 120_000);
});
