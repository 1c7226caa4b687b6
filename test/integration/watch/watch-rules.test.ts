import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollOnce } from '../../../electron/core/app/vod-status-poller';
import { nullLogger } from '../../../electron/core/log/logger';
import type { WatchFolderView } from '../../../shared/domain/watch';
import { AppHarness, waitFor as waitUntil } from '../../helpers/app-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const present = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const waitFor = (predicate: () => boolean | Promise<boolean>) => waitUntil(predicate, 120_000, 100);

/**
 * Folder rules against the real emulator (what each create call received) and the after-upload actions on
 * the real file system: move to Uploaded/ once done; delete only once VOD reports the media Normal.
 */
describe('watch folder rules and after-upload actions', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await AppHarness.start({
      prefix: 'vod-watch-rules-',
      emulator: { transcodeDelay: 1_000_000 },
      app: { watchSettleMs: 1000, afterUploadSweepMs: 0 },
      profileSettings: { partSize: 256 * 1024 },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function put(path: string, size: number) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomBytes(size));
  }

  const doneJob = (path: string) =>
    h.internals.store.jobs.list().find((j) => j.path === path && j.status.state === 'done');
  const paramsOf = (mediaId: string) => h.emulator.state().media.find((m) => m.mediaId === mediaId)!.params;

  it('maps sub-folders to categories and tags, and moves uploaded files to Uploaded/', async () => {
    const folder = join(h.root, 'Sport');
    await mkdir(folder);
    await h.call<WatchFolderView>('watch:add', {
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
    expect(h.internals.store.jobs.list().filter((j) => j.path.includes(`${folder}/Uploaded`))).toEqual([]);
    expect(h.emulator.state().media.filter((m) => m.title === 'rally')).toHaveLength(1);
  }, 180_000);

  it('deletes an uploaded file only once VOD reports it Normal, and never a file changed since', async () => {
    const folder = join(h.root, 'Outbox');
    await mkdir(folder);
    await h.call('watch:add', { path: folder, afterUpload: 'delete', confirmDelete: true });
    const kept = join(folder, 'changed.mp4');
    const gone = join(folder, 'final.mp4');
    await put(kept, 30_000);
    await put(gone, 30_000);
    await waitFor(() => doneJob(kept) !== undefined && doneJob(gone) !== undefined);

    // Uploaded but still processing in VOD: nothing is deleted.
    await pollOnce(
      {
        history: h.internals.store.history,
        vodClientFor: (id) => h.internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    await h.internals.afterUpload.sweep();
    expect(await present(gone)).toBe(true);

    // The editor re-exports one file over the uploaded one: it is not the file VOD has, so it stays.
    await sleep(20);
    await writeFile(kept, randomBytes(31_000));
    h.emulator.finishTranscoding();
    await pollOnce(
      {
        history: h.internals.store.history,
        vodClientFor: (id) => h.internals.profiles.vodClientFor(id),
        intervalMs: 1,
        logger: nullLogger,
      },
      Date.now(),
    );
    expect(h.internals.store.history.findUploads([gone])[0]?.vodStatus).toBe('Normal');
    await h.internals.afterUpload.sweep();
    expect(await present(gone)).toBe(false);
    expect(await present(kept)).toBe(true);
  }, 180_000);
});
