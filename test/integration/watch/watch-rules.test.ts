import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { pollOnce } from '../../../electron/core/app/vod-status-poller';
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
const present = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Folder rules against the real emulator (what each create call received) and the after-upload actions on
 * the real file system: move to Uploaded/ once done; delete only once VOD reports the media Normal.
 */
describe('watch folder rules and after-upload actions', () => {
  let emulator: RunningEmulator;
  let root: string;
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, transcodeDelay: 1_000_000 });
    root = await mkdtemp(join(tmpdir(), 'vod-watch-rules-'));
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir: join(root, 'data'),
      redactor: new Redactor(),
      logger: nullLogger,
      desktop,
      engine: engineTrust(emulator.config),
      vodStatusPollMs: 0,
      watchSettleMs: 1000,
      afterUploadSweepMs: 0,
    }));
    dispatch = createDispatcher(services.handlers);
    await saveEmulatorProfile(dispatch, emulator.config, { partSize: 256 * 1024 });
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

  async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 120_000) {
    const started = Date.now();
    while (!(await predicate())) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await sleep(100);
    }
  }

  async function put(path: string, size: number) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomBytes(size));
  }

  const doneJob = (path: string) =>
    internals.store.jobs.list().find((j) => j.path === path && j.status.state === 'done');
  const paramsOf = (mediaId: string) => emulator.state().media.find((m) => m.mediaId === mediaId)!.params;

  it('maps sub-folders to categories and tags, and moves uploaded files to Uploaded/', async () => {
    const folder = join(root, 'Sport');
    await mkdir(folder);
    await call<WatchFolderView>('watch:add', {
      path: folder,
      options: { tags: ['ingest'], cateId: 5 },
      rules: [
        { subfolder: 'Tennis', cateId: 1001, tags: ['tennis'] },
        { subfolder: 'Tennis/Finals', cateId: 1002, tags: [] },
      ],
      afterUpload: 'move',
    });
    const files = {
      tennis: join(folder, 'Tennis', 'day1', 'rally.mp4'),
      finals: join(folder, 'Tennis', 'Finals', 'match.mp4'),
      other: join(folder, 'misc.mp4'),
    };
    for (const path of Object.values(files)) await put(path, 40_000);
    await waitFor(() => Object.values(files).every((p) => doneJob(p) !== undefined));

    const tennis = paramsOf(doneJob(files.tennis)!.mediaId!);
    expect(tennis['CateId']).toBe('1001');
    expect(tennis['Tags']).toBe('ingest,tennis');
    const finals = paramsOf(doneJob(files.finals)!.mediaId!);
    expect(finals['CateId']).toBe('1002');
    expect(finals['Tags']).toBe('ingest');
    const other = paramsOf(doneJob(files.other)!.mediaId!);
    expect(other['CateId']).toBe('5');

    // Moved, keeping their place inside the folder; and not uploaded again from Uploaded/.
    await waitFor(async () => !(await present(files.tennis)));
    expect(await present(join(folder, 'Uploaded', 'Tennis', 'day1', 'rally.mp4'))).toBe(true);
    await waitFor(async () => await present(join(folder, 'Uploaded', 'misc.mp4')));
    await sleep(2500);
    expect(internals.store.jobs.list().filter((j) => j.path.includes(`${folder}/Uploaded`))).toEqual([]);
    expect(emulator.state().media.filter((m) => m.title === 'rally')).toHaveLength(1);
  }, 180_000);

  it('deletes an uploaded file only once VOD reports it Normal, and never a file changed since', async () => {
    const folder = join(root, 'Outbox');
    await mkdir(folder);
    await call('watch:add', { path: folder, afterUpload: 'delete', confirmDelete: true });
    const kept = join(folder, 'changed.mp4');
    const gone = join(folder, 'final.mp4');
    await put(kept, 30_000);
    await put(gone, 30_000);
    await waitFor(() => doneJob(kept) !== undefined && doneJob(gone) !== undefined);

    // Uploaded but still processing in VOD: nothing is deleted.
    await pollOnce(
      {
        history: internals.store.history,
        vodClientFor: (id) => internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    await internals.afterUpload.sweep();
    expect(await present(gone)).toBe(true);

    // The editor re-exports one file over the uploaded one: it is not the file VOD has, so it stays.
    await sleep(20);
    await writeFile(kept, randomBytes(31_000));
    emulator.finishTranscoding();
    await pollOnce(
      {
        history: internals.store.history,
        vodClientFor: (id) => internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    expect(internals.store.history.findUploads([gone])[0]?.vodStatus).toBe('Normal');
    await internals.afterUpload.sweep();
    expect(await present(gone)).toBe(false);
    expect(await present(kept)).toBe(true);
  }, 180_000);
});
