import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import type { WatchFolderView } from '../../../shared/domain/watch';
import { saveEmulatorProfile } from '../../helpers/emulator-profile';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';

const desktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watched folders kept in the queue database (a real SQLite file) across a restart of the whole app
 * services, with the real emulator: the catch-up walk on start queues what arrived while stopped and
 * nothing already done; a folder that disappears shows offline and resumes when it returns.
 */
describe('watch folders across restarts and outages', () => {
  let emulator: RunningEmulator;
  let root: string;
  let dataDir: string;
  let watched: string;
  let services: AppServices | undefined;
  let internals: AppInternals;
  let dispatch: Dispatch;

  async function open() {
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir,
      redactor: new Redactor(),
      logger: nullLogger,
      desktop,
      engine: engineTrust(emulator.config),
      vodStatusPollMs: 0,
      watchSettleMs: 1500,
      watchPresenceCheckMs: 300,
    }));
    dispatch = createDispatcher(services.handlers);
  }

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
    const started = Date.now();
    while (!(await predicate())) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await sleep(100);
    }
  }

  const jobsAt = (name: string) => internals.store.jobs.list().filter((j) => j.path === join(watched, name));
  const doneAt = (name: string) => jobsAt(name).some((j) => j.status.state === 'done');
  const mediaTitled = (title: string) => emulator.state().media.filter((m) => m.title === title);
  const folder = async () => (await call<WatchFolderView[]>('watch:list', {}))[0]!;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    root = await mkdtemp(join(tmpdir(), 'vod-watch-restart-'));
    dataDir = join(root, 'data');
    watched = join(root, 'Ingest');
    await mkdir(watched);
    await open();
    await saveEmulatorProfile(dispatch, emulator.config, { partSize: 256 * 1024 });
  });

  afterAll(async () => {
    await services?.shutdown();
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses to delete after upload unless confirmed, and a path that is not a folder', async () => {
    const refused = await dispatch('watch:add', { path: watched, afterUpload: 'delete' });
    expect(refused.ok).toBe(false);
    const file = join(root, 'not-a-folder.mp4');
    await writeFile(file, randomBytes(10));
    const notFolder = await dispatch('watch:add', { path: file });
    expect(!notFolder.ok && notFolder.error.code).toBe('WATCH_NOT_FOLDER');
    expect(await call('watch:list', {})).toEqual([]);
  });

  it('catches up on start with what arrived while stopped, and nothing already uploaded', async () => {
    await writeFile(join(watched, 'a.mp4'), randomBytes(40_000));
    const added = await call<WatchFolderView>('watch:add', { path: watched, options: { tags: ['ingest'] } });
    expect(added.path).toBe(watched);
    await waitFor(() => doneAt('a.mp4'));

    await services!.shutdown();
    services = undefined;
    await writeFile(join(watched, 'b.mp4'), randomBytes(50_000));
    await open();

    const restored = await folder();
    expect(restored).toMatchObject({ id: added.id, path: watched, options: { tags: ['ingest'] } });
    await waitFor(() => doneAt('b.mp4'));
    await waitFor(async () => (await folder()).alreadyKnown >= 1);
    expect(jobsAt('a.mp4')).toHaveLength(1);
    expect(jobsAt('b.mp4')).toHaveLength(1);
    expect(mediaTitled('a')).toHaveLength(1);
    expect(mediaTitled('b')).toHaveLength(1);
    expect(jobsAt('b.mp4')[0]!.metadata.tags).toEqual(['ingest']);
  }, 90_000);

  it('shows a folder that went away as offline and resumes when it returns', async () => {
    const away = join(root, 'Ingest-unplugged');
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
    expect((await call<WatchFolderView>('watch:update', { id, paused: true })).state).toBe('paused');
    await writeFile(join(watched, 'e.mp4'), randomBytes(20_000));
    await sleep(2500);
    expect(jobsAt('e.mp4')).toHaveLength(0);
    await call('watch:update', { id, paused: false });
    await waitFor(() => doneAt('e.mp4'));
    await call('watch:remove', { id });
    expect(await call('watch:list', {})).toEqual([]);
    await writeFile(join(watched, 'f.mp4'), randomBytes(20_000));
    await sleep(2500);
    expect(jobsAt('f.mp4')).toHaveLength(0);
  }, 60_000);
});
