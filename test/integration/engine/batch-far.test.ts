import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-batch-far-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 16 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('a batch of small files on a long path', () => {
  it('opens more connections on the CreateUpload* round trips, before any PutObject is answered', async () => {
    // 200 ms before every answer (VOD and OSS), 256 KiB/s per connection: each 512 KiB file's one PutObject
    // takes over 2 s, so the files' CreateUploadVideo calls are the first the engine hears of the path.
    emulator.setFaults({ perConnectionBandwidth: 256 * KiB, latency: 200 });
    const logger = new MemoryLogger(new Redactor());
    const files = Array.from({ length: 24 }, (_, i) => writeRandomFile(tmp.dir, `far-${i}.mp4`, 512 * KiB));
    const rig = openRig(join(tmp.dir, 'far-batch.db'), emulator.config, {
      settings: { filesAtOnce: 64, partsInFlight: 64, bandwidthLimit: 0, partSize: 8 * MiB },
      concurrency: { start: 4, intervalMs: 300, holdTicks: 4 },
      stallTimeoutMs: 20_000,
      logger,
    });
    try {
      rig.queue.jobs.insertMany(files.map((f) => jobFor(f.path)));
      rig.engine.start();
      const end = Date.now() + 30_000;
      while (rig.engine.connections().limit === 4 && Date.now() < end) await delay(10);
      const doneAtFirstStep = rig.queue.jobs.list().filter((j) => j.status.state === 'done').length;
      const first = logger.records.find((r) => r.message === 'connections changed')?.fields;
      console.log('first decision', first, 'files done then', doneAtFirstStep);
      expect(first).toMatchObject({ from: 4, to: 16, reason: 'grow', longPath: true });
      // Before, the first step waited for an OSS round trip: a PutObject answered, its file done.
      expect(doneAtFirstStep).toBe(0);
      emulator.setFaults({ perConnectionBandwidth: 0, latency: 0 });
      await rig.engine.whenIdle();
      const jobs = rig.queue.jobs.list();
      expect(jobs.every((j) => j.status.state === 'done')).toBe(true);
      const objects = new Map((await emulatorState(emulator.config)).objects.map((o) => [o.key, o.crc64]));
      for (const job of jobs) expect(objects.get(job.objectKey!), job.name).toBe(job.crc64);
      expect(jobs.map((j) => j.crc64).sort()).toEqual(files.map((f) => f.crc64).sort());
    } finally {
      emulator.setFaults({ perConnectionBandwidth: 0, latency: 0 });
      await rig.close();
    }
  });
});
