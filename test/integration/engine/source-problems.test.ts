import { appendFileSync, chmodSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { jobFor, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-source-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 11, bandwidth: 3 * MiB });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('source problems', () => {
  it('ends modified, deleted, empty and unreadable files in clear states without affecting the rest', async () => {
    const good1 = writeRandomFile(tmp.dir, 'good1.mp4', 2 * MiB);
    const modified = writeRandomFile(tmp.dir, 'modified.mp4', 6 * MiB);
    const deleted = writeRandomFile(tmp.dir, 'deleted.mp4', 6 * MiB);
    const empty = join(tmp.dir, 'empty.mp4');
    writeFileSync(empty, '');
    // Root reads any file whatever its mode, so there a folder stands in for an unreadable source.
    const unreadable = join(tmp.dir, 'locked.mp4');
    if (process.getuid?.() === 0) mkdirSync(unreadable);
    else {
      writeFileSync(unreadable, 'secret');
      chmodSync(unreadable, 0);
    }
    const good2 = writeRandomFile(tmp.dir, 'good2.jpg', 300 * 1024);

    const rig = openRig(join(tmp.dir, 'source.db'), emulator.config, {
      settings: { filesAtOnce: 6, partsInFlight: 4, bandwidthLimit: 0, partSize: 512 * 1024 },
    });
    const jobs = {
      good1: jobFor(good1.path),
      modified: jobFor(modified.path),
      deleted: jobFor(deleted.path),
      empty: jobFor(empty),
      unreadable: jobFor(unreadable, { size: 6 }),
      good2: jobFor(good2.path),
    };
    rig.queue.jobs.insertMany(Object.values(jobs));
    rig.engine.start();
    // Queue order gives the earlier file the part slots first: change it once it has parts on OSS, then
    // delete the next one once it has parts.
    const waitForParts = async (id: string): Promise<void> => {
      const end = Date.now() + 20_000;
      while (rig.queue.parts.list(id).length === 0) {
        if (Date.now() > end) throw new Error('upload did not start');
        await delay(10);
      }
    };
    await waitForParts(jobs.modified.id);
    appendFileSync(modified.path, 'more bytes');
    await waitForParts(jobs.deleted.id);
    unlinkSync(deleted.path);
    await rig.engine.whenIdle();

    const state = (id: string) => rig.queue.jobs.get(id)!.status;
    expect(state(jobs.good1.id).state).toBe('done');
    expect(state(jobs.good2.id).state).toBe('done');
    expect(state(jobs.modified.id)).toMatchObject({ state: 'failed', error: { code: 'SourceChanged' } });
    expect(state(jobs.deleted.id)).toMatchObject({ state: 'source-missing' });
    expect(state(jobs.empty.id)).toMatchObject({ state: 'failed', error: { code: 'EmptyFile' } });
    const locked = state(jobs.unreadable.id);
    expect(locked.state).toBe('failed');
    console.log('unreadable ended as', JSON.stringify(locked));
    for (const key of ['modified', 'deleted', 'empty', 'unreadable'] as const) {
      const s = state(jobs[key].id);
      const text = s.state === 'failed' ? s.error.message : s.state === 'source-missing' ? s.reason : '';
      expect(text.length, key).toBeGreaterThan(10);
    }
    await rig.close();
  });
});
