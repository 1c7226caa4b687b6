import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile, POLICIES } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-batch-');

afterAll(() => tmp.cleanup());

describe.each(POLICIES)('engine against the emulator, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 1, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('uploads a 20-file batch of mixed kinds and sizes, every object CRC matching the local file', async () => {
    const sizes = [
      ['clip01.mp4', 5 * MiB + 123],
      ['clip02.mov', 3 * MiB],
      ['clip03.mp4', 700 * KiB],
      ['clip04.mkv', 2 * MiB + 1],
      ['clip05.mp4', 200 * KiB],
      ['clip06.mp4', 1 * MiB],
      ['clip07.mp3', 900 * KiB + 7],
      ['clip08.mp4', 4 * MiB + 999],
      ['clip09.mov', 256 * KiB],
      ['clip10.mp4', 256 * KiB + 1],
      ['still01.jpg', 120 * KiB],
      ['still02.png', 40 * KiB],
      ['still03.jpg', 300 * KiB],
      ['still04.gif', 9 * KiB],
      ['poster.jpeg', 200 * KiB],
      ['sub01.srt', 3 * KiB],
      ['sub02.vtt', 12 * KiB],
      ['sub03.srt', 1],
      ['clip11.mp4', 1500 * KiB],
      ['clip12.mp4', 10 * KiB],
    ] as const;
    const files = sizes.map(([name, size]) => ({ name, size, ...writeRandomFile(tmp.dir, name, size) }));
    const rig = openRig(join(tmp.dir, `batch-${uploadPolicy}.db`), emulator.config);
    rig.queue.jobs.insertMany(files.map((f) => jobFor(f.path)));
    let snapshots = 0;
    rig.engine.onSnapshot(() => snapshots++);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    rig.engine.start();
    await rig.engine.whenIdle();
    const elapsed = performance.now() - started;
    delay.disable();

    const jobs = rig.queue.jobs.list();
    expect(jobs.map((j) => [j.name, j.status.state])).toEqual(files.map((f) => [f.name, 'done']));
    const state = await emulatorState(emulator.config);
    for (const job of jobs) {
      const file = files.find((f) => f.name === job.name)!;
      expect(job.crc64, job.name).toBe(file.crc64);
      const object = state.objects.find((o) => o.key === job.objectKey);
      expect(object, job.name).toBeDefined();
      expect(object!.size).toBe(file.size);
      expect(object!.crc64, job.name).toBe(file.crc64);
    }
    const mediaIds = jobs.map((j) => j.mediaId);
    expect(new Set(mediaIds).size).toBe(jobs.length);
    // Big files went multipart, small ones in one PutObject.
    expect(jobs.filter((j) => j.uploadId !== null).length).toBeGreaterThan(5);
    expect(rig.queue.parts.list(jobs[0]!.id).length).toBe(Math.ceil((5 * MiB + 123) / (256 * KiB)));
    // Ticks are at most 10 a second.
    expect(snapshots).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 3);
    console.log(
      `20-file batch: ${(elapsed / 1000).toFixed(2)} s, ${snapshots} snapshots, event-loop delay ` +
        `p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, ` +
        `max ${(delay.max / 1e6).toFixed(1)} ms`,
    );
    await rig.close();
  });
});
