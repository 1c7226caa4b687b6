import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-faults-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 7 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('engine under faults', () => {
  it('completes a 30-file batch with 5% errors, 2% resets and stalls, with no duplicate media IDs', async () => {
    const files = Array.from({ length: 30 }, (_, i) => {
      const size = i % 5 === 0 ? 2 * MiB + i : i % 3 === 0 ? 60 * KiB + i : 700 * KiB + i * 1000;
      const name = i % 7 === 0 ? `still${i}.jpg` : `clip${i}.mp4`;
      return { name, size, ...writeRandomFile(tmp.dir, name, size) };
    });
    emulator.setFaults({ errorRate: 0.05, resetRate: 0.02, stallRate: 0.01 });
    const rig = openRig(join(tmp.dir, 'faults.db'), emulator.config, { stallTimeoutMs: 1_000 });
    rig.queue.jobs.insertMany(files.map((f) => jobFor(f.path)));
    const started = performance.now();
    rig.engine.start();
    await rig.engine.whenIdle();
    const elapsed = performance.now() - started;
    emulator.setFaults({ errorRate: 0, resetRate: 0, stallRate: 0 });

    const jobs = rig.queue.jobs.list();
    // The whole status (with the error of a failed job) makes a failure say why.
    expect(jobs.map((j) => [j.name, j.status])).toEqual(
      files.map((f) => [f.name, { state: 'done', mediaId: expect.any(String) }]),
    );
    const state = await emulatorState(emulator.config);
    for (const job of jobs) {
      const file = files.find((f) => f.name === job.name)!;
      expect(state.objects.find((o) => o.key === job.objectKey)?.crc64, job.name).toBe(file.crc64);
    }
    const mediaIds = jobs.map((j) => j.mediaId);
    expect(new Set(mediaIds).size).toBe(30);
    // Every media the emulator issued for a video belongs to a job: no duplicates created by retries.
    const videos = state.media.filter((m) => m.kind === 'video');
    expect(videos.length).toBe(jobs.filter((j) => j.kind === 'video').length);
    const retried = jobs.filter((j) => j.attempts > 0).length;
    console.log(
      `30 files under faults: ${(elapsed / 1000).toFixed(1)} s, ${retried} jobs retried, calls`,
      state.calls,
    );
    await rig.close();
  });
});
