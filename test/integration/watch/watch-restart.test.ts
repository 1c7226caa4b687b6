import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchFolderView } from '../../../shared/domain/watch';
import { AppHarness, waitFor } from '../../helpers/app-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watched folders kept in the queue database (a real SQLite file) across a restart of the whole app
 * services, with the real emulator: the catch-up walk on start queues what arrived while stopped and
 * nothing already done; a folder that disappears shows offline and resumes when it returns.
 */
describe('watch folders across restarts and outages', () => {
  let h: AppHarness;
  let watched: string;

  const jobsAt = (name: string) =>
    h.internals.store.jobs.list().filter((j) => j.path === join(watched, name));
  const doneAt = (name: string) => jobsAt(name).some((j) => j.status.state === 'done');
  const mediaTitled = (title: string) => h.emulator.state().media.filter((m) => m.title === title);
  const folder = async () => (await h.call<WatchFolderView[]>('watch:list', {}))[0]!;

  beforeAll(async () => {
    h = await AppHarness.start({
      prefix: 'vod-watch-restart-',
      app: { watchSettleMs: 1500, watchPresenceCheckMs: 300 },
      profileSettings: { partSize: 256 * 1024 },
    });
    watched = join(h.root, 'Ingest');
    await mkdir(watched);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses to delete after upload unless confirmed, and a path that is not a folder', async () => {
    const refused = await h.dispatch('watch:add', { path: watched, afterUpload: 'delete' });
    expect(refused.ok).toBe(false);
    const file = join(h.root, 'not-a-folder.mp4');
    await writeFile(file, randomBytes(10));
    const notFolder = await h.dispatch('watch:add', { path: file });
    expect(!notFolder.ok && notFolder.error.code).toBe('WATCH_NOT_FOLDER');
    expect(await h.call('watch:list', {})).toEqual([]);
  });

  it('catches up on start with what arrived while stopped, and nothing already uploaded', async () => {
    await writeFile(join(watched, 'a.mp4'), randomBytes(40_000));
    const added = await h.call<WatchFolderView>('watch:add', {
      path: watched,
      options: { tags: ['ingest'] },
    });
    expect(added.path).toBe(watched);
    await waitFor(() => doneAt('a.mp4'));

    await h.closeApp();
    await writeFile(join(watched, 'b.mp4'), randomBytes(50_000));
    await h.openApp();

    const restored = await folder();
    expect(restored).toMatchObject({ id: added.id, path: watched, options: { tags: ['ingest'] } });
    await waitFor(() => doneAt('b.mp4'));
    await waitFor(async () => (await folder()).alreadyKnown >= 1);
    // The panel's counts are kept across the restart (migration 0013): a before it, b after it.
    expect((await folder()).queued).toBe(2);
    expect(jobsAt('a.mp4')).toHaveLength(1);
    expect(jobsAt('b.mp4')).toHaveLength(1);
    expect(mediaTitled('a')).toHaveLength(1);
    expect(mediaTitled('b')).toHaveLength(1);
    expect(jobsAt('b.mp4')[0]!.metadata.tags).toEqual(['ingest']);
  }, 90_000);

  it('shows a folder that went away as offline and resumes when it returns', async () => {
    const away = join(h.root, 'Ingest-unplugged');
    await rename(watched, away);
    await waitFor(async () => (await folder()).state === 'offline');
    expect((await folder()).lastError).toMatch(/no longer exists/);

    // A file that arrives on the volume while it is away is queued when it comes back.
    await writeFile(join(away, 'c.mp4'), randomBytes(30_000));
    await rename(away, watched);
    await waitFor(async () => (await folder()).state === 'watching');
    expect((await folder()).lastError).toBeNull();
    await writeFile(join(watched, 'd.mp4'), randomBytes(30_000));
    await waitFor(() => doneAt('c.mp4') && doneAt('d.mp4'));
    for (const name of ['a', 'b', 'c', 'd']) expect(mediaTitled(name)).toHaveLength(1);
  }, 90_000);

  it('pauses (nothing queued) and resumes (what arrived meanwhile is queued), then forgets the folder', async () => {
    const { id } = await folder();
    expect((await h.call<WatchFolderView>('watch:update', { id, paused: true })).state).toBe('paused');
    await writeFile(join(watched, 'e.mp4'), randomBytes(20_000));
    await sleep(2500);
    expect(jobsAt('e.mp4')).toHaveLength(0);
    await h.call('watch:update', { id, paused: false });
    await waitFor(() => doneAt('e.mp4'));
    await h.call('watch:remove', { id });
    expect(await h.call('watch:list', {})).toEqual([]);
    await writeFile(join(watched, 'f.mp4'), randomBytes(20_000));
    await sleep(2500);
    expect(jobsAt('f.mp4')).toHaveLength(0);
  }, 60_000);
});
