import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/domain/job-status';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-fair-');

beforeAll(async () => {
  // A slow link (1 MiB/s for everything): the small files' few seconds of create calls and hashing on a
  // loaded machine must stay small next to the big file's transfer, or the bound below measures CPU load.
  emulator = await startEmulator({ sink: true, seed: 17, bandwidth: 1 * MiB });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('fair scheduling', () => {
  it('finishes small files while a big file ahead of them in the queue is still uploading', async () => {
    const big = writeRandomFile(tmp.dir, 'big.mp4', 16 * MiB);
    const small = Array.from({ length: 6 }, (_, i) => writeRandomFile(tmp.dir, `small${i}.mp4`, 120 * KiB));
    const rig = openRig(join(tmp.dir, 'fair.db'), emulator.config, {
      settings: { filesAtOnce: 8, partsInFlight: 4, bandwidthLimit: 0, partSize: 256 * KiB },
      concurrency: { start: 4 },
      stallTimeoutMs: 8_000,
    });
    try {
      const bigJob = jobFor(big.path);
      const smallJobs = small.map((f) => jobFor(f.path));
      rig.queue.jobs.insertMany([bigJob]);
      // When each small file is done: how far the big one had got, and in which state.
      const atSmallDone: { bigBytes: number; bigState: JobState }[] = [];
      rig.engine.onEvent((event) => {
        if (event.type !== 'job-settled' || event.jobId === bigJob.id) return;
        const bigRow = rig.queue.jobs.get(bigJob.id)!;
        atSmallDone.push({ bigBytes: bigRow.bytesDone, bigState: bigRow.status.state });
      });
      rig.engine.start();
      // The big file is well under way (every slot busy with its parts) when the small files arrive.
      const end = Date.now() + 20_000;
      while (rig.queue.parts.list(bigJob.id).length < 4 && Date.now() < end) await delay(20);
      const bigBytesAtAdd = rig.queue.jobs.get(bigJob.id)!.bytesDone;
      rig.queue.jobs.insertMany(smallJobs);
      rig.engine.poke();
      await rig.engine.whenIdle();

      for (const job of [bigJob, ...smallJobs]) expect(rig.queue.jobs.get(job.id)!.status.state).toBe('done');
      expect(atSmallDone).toHaveLength(6);
      console.log('big file progress when each small file was done', atSmallDone);
      for (const seen of atSmallDone) {
        expect(seen.bigState).not.toBe('done');
        // The small files did not wait for the big one's parts: they were done within a quarter of it.
        expect(seen.bigBytes - bigBytesAtAdd).toBeLessThan(4 * MiB);
      }
    } finally {
      await rig.close();
    }
  });
});
