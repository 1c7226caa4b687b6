import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, tempDir, writeRandomFile, POLICIES } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-pause-');

afterAll(() => tmp.cleanup());

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(50);
  }
}

describe.each(POLICIES)('pause and resume, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 5, bandwidth: 4 * MiB, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('stops all traffic within a second of pause, keeps parts, and finishes on resume', async () => {
    const logger = new MemoryLogger(new Redactor());
    const files = [0, 1].map((i) => writeRandomFile(tmp.dir, `big${i}.mp4`, 12 * MiB));
    const rig = openRig(join(tmp.dir, `pause-${uploadPolicy}.db`), emulator.config, {
      settings: { filesAtOnce: 2, partsInFlight: 4, bandwidthLimit: 0, partSize: 1 * MiB },
      // The emulator paces at the application layer, so a whole part can sit in loopback socket buffers
      // for a while after its last write: keep the stall timer above that.
      stallTimeoutMs: 8_000,
      logger,
    });
    const jobs = files.map((f) => jobFor(f.path));
    rig.queue.jobs.insertMany(jobs);
    rig.engine.start();
    await until(async () => (await emulatorState(emulator.config)).bytesReceived > 4 * MiB);

    const pausedAt = performance.now();
    await rig.engine.pauseAll();
    const pauseMs = performance.now() - pausedAt;
    // Bytes the client wrote before the pause may still sit in the emulator's socket buffers, drained at
    // its emulated bandwidth; from one second after the pause on, nothing may arrive.
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push((await emulatorState(emulator.config)).bytesReceived);
      await delay(500);
    }
    console.log(
      `pause took ${pauseMs.toFixed(0)} ms; bytes received every 500 ms after: ${samples.join(', ')}`,
    );
    expect(samples[4]).toBe(samples[2]);
    expect(pauseMs).toBeLessThan(1_000);
    for (const job of jobs) expect(rig.queue.jobs.get(job.id)!.status.state).toBe('paused');
    const kept = jobs.reduce((sum, job) => sum + rig.queue.parts.list(job.id).length, 0);
    expect(kept).toBeGreaterThan(0);

    rig.engine.resume(jobs.map((j) => j.id));
    await rig.engine.whenIdle();
    const state = await emulatorState(emulator.config);
    jobs.forEach((job, i) => {
      const row = rig.queue.jobs.get(job.id)!;
      expect(row.status.state).toBe('done');
      expect(row.crc64).toBe(files[i]!.crc64);
      expect(state.objects.find((o) => o.key === row.objectKey)?.crc64).toBe(files[i]!.crc64);
    });
    // Only the parts that were in flight at pause were sent twice.
    const total = 24 * MiB;
    console.log(
      `bytes received ${state.bytesReceived} for ${total} bytes of files; retries`,
      jobs.map((j) => rig.queue.jobs.get(j.id)!.attempts),
      logger.records.filter((r) => r.message === 'reconciled with ListParts').map((r) => r.fields),
    );
    expect(state.bytesReceived).toBeLessThanOrEqual(total + 4 * MiB);
    await rig.close();
  });
});
