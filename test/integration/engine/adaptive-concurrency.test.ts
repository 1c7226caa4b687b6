import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-adaptive-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 16 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

function decisions(logger: MemoryLogger): Record<string, unknown>[] {
  return logger.records.filter((r) => r.message === 'connections changed').map((r) => r.fields);
}

describe('adaptive concurrency against the emulator', () => {
  it('adds connections on a per-connection-capped path and sheds them when errors pile up', async () => {
    emulator.setFaults({ perConnectionBandwidth: 1 * MiB, latency: 10 });
    const logger = new MemoryLogger(new Redactor());
    const file = writeRandomFile(tmp.dir, 'far.mp4', 48 * MiB);
    const rig = openRig(join(tmp.dir, 'grow.db'), emulator.config, {
      settings: { filesAtOnce: 2, partsInFlight: 32, bandwidthLimit: 0, partSize: 512 * KiB },
      concurrency: { start: 2, intervalMs: 300, holdTicks: 4 },
      stallTimeoutMs: 10_000,
      snapshotIntervalMs: 50,
      logger,
    });
    const limits: number[] = [];
    rig.engine.onSnapshot((s: QueueSnapshot) => {
      if (s.totals.connections) limits.push(s.totals.connections.limit);
    });
    try {
      rig.queue.jobs.insertMany([jobFor(file.path)]);
      rig.engine.start();
      const end = Date.now() + 30_000;
      while (rig.engine.connections().limit < 8 && Date.now() < end) await delay(50);
      const grown = rig.engine.connections().limit;
      expect(grown).toBeGreaterThanOrEqual(8);
      expect(decisions(logger).filter((d) => d['reason'] === 'grow').length).toBeGreaterThanOrEqual(2);

      // Now every third request fails: the engine must use fewer connections, not just retry harder.
      emulator.setFaults({ errorRate: 0.35 });
      while (rig.engine.connections().limit >= grown && Date.now() < end) await delay(50);
      expect(rig.engine.connections().limit).toBeLessThan(grown);
      expect(decisions(logger).some((d) => d['reason'] === 'errors' || d['reason'] === 'overload')).toBe(
        true,
      );
      emulator.setFaults({ errorRate: 0, perConnectionBandwidth: 0, latency: 0 });
      await rig.engine.whenIdle();
      const job = rig.queue.jobs.list()[0]!;
      expect(job.status.state).toBe('done');
      expect(job.crc64).toBe(file.crc64);
      // The snapshot told the story too: the limit seen by the app rose above where it started.
      expect(Math.max(...limits)).toBeGreaterThanOrEqual(8);
      console.log('connection decisions', decisions(logger));
    } finally {
      emulator.setFaults({ errorRate: 0, perConnectionBandwidth: 0, latency: 0 });
      await rig.close();
    }
  });

  it("never sends faster than the user's bandwidth limit, measured at the emulator", async () => {
    const limit = 2 * 1024 * 1024;
    const file = writeRandomFile(tmp.dir, 'limited.mp4', 10 * MiB);
    const rig = openRig(join(tmp.dir, 'limit.db'), emulator.config, {
      settings: { filesAtOnce: 4, partsInFlight: 64, bandwidthLimit: limit, partSize: 256 * KiB },
      concurrency: { start: 4, intervalMs: 200, holdTicks: 2 },
    });
    try {
      const before = (await emulatorState(emulator.config)).bytesReceived;
      rig.queue.jobs.insertMany([jobFor(file.path)]);
      rig.engine.start();
      const samples: { t: number; bytes: number }[] = [];
      let idle = false;
      void rig.engine.whenIdle().then(() => (idle = true));
      while (!idle) {
        samples.push({ t: performance.now(), bytes: (await emulatorState(emulator.config)).bytesReceived });
        await delay(200);
      }
      samples.push({ t: performance.now(), bytes: (await emulatorState(emulator.config)).bytesReceived });
      expect(rig.queue.jobs.list()[0]!.status.state).toBe('done');
      // Over any stretch, what arrived fits the limit plus the token bucket's burst (a quarter second), one
      // 128 KiB slice, and 100 ms of timing jitter between the emulator's count and our clock.
      const burst = limit / 4 + 128 * KiB + limit / 10;
      let worst = 0;
      for (let i = 0; i < samples.length; i++) {
        for (let j = i + 1; j < samples.length; j++) {
          const seconds = (samples[j]!.t - samples[i]!.t) / 1000;
          const excess = samples[j]!.bytes - samples[i]!.bytes - (limit * seconds + burst);
          worst = Math.max(worst, excess);
        }
      }
      const total = samples.at(-1)!.bytes - before;
      const seconds = (samples.at(-1)!.t - samples[0]!.t) / 1000;
      console.log(
        `bandwidth limit ${limit} B/s: ${total} bytes in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)} B/s`,
      );
      expect(worst).toBeLessThanOrEqual(0);
      expect(total / seconds).toBeLessThanOrEqual(limit * 1.1);
      // ...and the limit is used, not undershot.
      expect(total / seconds).toBeGreaterThan(limit * 0.7);
    } finally {
      await rig.close();
    }
  });
});
