import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReadPartPool } from '../../../electron/core/oss/read-part-pool';
import { STREAM_CHUNK_BYTES } from '../../../electron/core/oss/part-stream';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-streamed-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 15 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('streamed parts', () => {
  it('reads a part again from disk when its upload is retried', async () => {
    const file = writeRandomFile(tmp.dir, 'retried.mp4', 3 * STREAM_CHUNK_BYTES);
    const rig = openRig(join(tmp.dir, 'retried.db'), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 1, bandwidthLimit: 0, partSize: 3 * STREAM_CHUNK_BYTES },
    });
    const reads = vi.spyOn(ReadPartPool.prototype, 'readPart');
    try {
      rig.queue.jobs.insertMany([jobFor(file.path)]);
      emulator.failNext('PutObject', 2);
      rig.engine.start();
      await rig.engine.whenIdle();
      const [job] = rig.queue.jobs.list();
      expect(job!.status.state).toBe('done');
      expect(job!.crc64).toBe(file.crc64);
      // Three tries of a three-chunk body, each read from disk: nothing was kept in memory between tries.
      const ofFile = reads.mock.calls.filter(([path]) => path === file.path);
      expect(ofFile).toHaveLength(9);
      expect(Math.max(...ofFile.map(([, , size]) => size))).toBe(STREAM_CHUNK_BYTES);
      const state = await emulatorState(emulator.config);
      expect(state.objects.find((o) => o.key === job!.objectKey)?.crc64).toBe(file.crc64);
    } finally {
      reads.mockRestore();
      await rig.close();
    }
  });

  it('shows only acknowledged bytes: progress never goes back, not even when a pause drops parts in flight', async () => {
    emulator.setFaults({ bandwidth: 3 * MiB });
    const file = writeRandomFile(tmp.dir, 'paused.mp4', 8 * MiB);
    const rig = openRig(join(tmp.dir, 'paused.db'), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 4, bandwidthLimit: 0, partSize: 512 * KiB },
      snapshotIntervalMs: 20,
      stallTimeoutMs: 8_000,
    });
    try {
      const job = jobFor(file.path);
      rig.queue.jobs.insertMany([job]);
      const seen: { row: number; total: number }[] = [];
      rig.engine.onSnapshot((snapshot: QueueSnapshot) => {
        const row = snapshot.changed.find((r) => r.id === job.id);
        if (row !== undefined) seen.push({ row: row.bytesDone, total: snapshot.totals.bytesDone });
      });
      rig.engine.start();
      // Pause while parts are half sent: some confirmed, more in flight.
      const end = Date.now() + 20_000;
      while (rig.queue.parts.list(job.id).length < 3 && Date.now() < end) await delay(20);
      await delay(150);
      await rig.engine.pause([job.id]);
      rig.engine.requestFullSnapshot();
      await delay(100);
      rig.engine.resume([job.id]);
      await rig.engine.whenIdle();
      await delay(100);

      expect(rig.queue.jobs.get(job.id)!.status.state).toBe('done');
      expect(seen.length).toBeGreaterThan(5);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]!.row, `row progress at snapshot ${i}`).toBeGreaterThanOrEqual(seen[i - 1]!.row);
        expect(seen[i]!.total, `total progress at snapshot ${i}`).toBeGreaterThanOrEqual(seen[i - 1]!.total);
      }
      // Every figure shown is a multiple of the part size (or the whole file): acknowledged parts only.
      for (const s of seen) expect(s.row % (512 * KiB), `shown ${s.row}`).toBe(0);
      expect(seen.at(-1)!.row).toBe(8 * MiB);
    } finally {
      emulator.setFaults({ bandwidth: 0 });
      await rig.close();
    }
  });
});
