import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { crc64Implementation } from '../../../electron/core/oss/crc64-implementation';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-crc64-');

beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('the CRC-64 implementation the engine uses', () => {
  it('is logged once at start, and the upload it hashes ends with the CRC OSS computed', async () => {
    const logger = new MemoryLogger(new Redactor());
    const file = writeRandomFile(tmp.dir, 'a.mp4', 5 * MiB + 123);
    const rig = openRig(join(tmp.dir, 'crc.db'), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 4, bandwidthLimit: 0, partSize: 1024 * KiB },
      logger,
    });
    try {
      rig.queue.jobs.insertMany([jobFor(file.path)]);
      rig.engine.start();
      await rig.engine.whenIdle();
      const choice = crc64Implementation();
      const logged = logger.records.filter((r) => r.message.startsWith('crc64 implementation'));
      expect(logged.map((r) => r.message)).toEqual([`crc64 implementation: ${choice.name}`]);
      const job = rig.queue.jobs.list()[0]!;
      expect(job.status.state).toBe('done');
      expect(job.crc64).toBe(file.crc64);
      const stored = (await emulatorState(emulator.config)).objects.map((o) => o.crc64);
      expect(stored).toContain(file.crc64);
    } finally {
      await rig.close();
    }
  });
});
