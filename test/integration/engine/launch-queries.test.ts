import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-launch-queries-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 17 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('starting the files of a batch', () => {
  it('reads the queue once for all the files it can start, not once per file', async () => {
    const files = Array.from({ length: 60 }, (_, i) => writeRandomFile(tmp.dir, `s-${i}.mp4`, 4 * KiB));
    const rig = openRig(join(tmp.dir, 'launch.db'), emulator.config, {
      settings: { filesAtOnce: 48, partsInFlight: 32, bandwidthLimit: 0, partSize: 8 * MiB },
      concurrency: { start: 32 },
    });
    const jobs = rig.queue.jobs;
    const listRunnable = jobs.listRunnable.bind(jobs);
    let calls = 0;
    let rows = 0;
    jobs.listRunnable = (limit, among) => {
      const found = listRunnable(limit, among);
      calls++;
      rows += found.length;
      return found;
    };
    try {
      jobs.insertMany(files.map((f) => jobFor(f.path)));
      rig.engine.start();
      await rig.engine.whenIdle();
      expect(jobs.list().every((j) => j.status.state === 'done')).toBe(true);
      console.log(`listRunnable: ${calls} calls, ${rows} rows for ${files.length} files`);
      // 48 files start at once: one query of 48 rows (then one per finished file, for the one that replaces
      // it). Asking per file read 48 + 47 + … rows at the start: over 2,000.
      expect(rows).toBeLessThanOrEqual(4 * files.length);
    } finally {
      await rig.close();
    }
  });
});
