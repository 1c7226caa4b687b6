import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-unverified-');
const settings = { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB };

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 21, omitCrc64: true });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

let before: Record<string, number>;
beforeEach(async () => {
  before = (await emulatorState(emulator.config)).calls;
});

async function callsSince(): Promise<(name: string) => number> {
  const now = (await emulatorState(emulator.config)).calls;
  return (name) => (now[name] ?? 0) - (before[name] ?? 0);
}

/**
 * Answers without x-oss-hash-crc64ecma (--omit-crc64), and a body damaged on the way (stored with a bit
 * flipped, so its ETag is the MD5 of the damaged bytes): the engine checks the MD5 of what it sent against
 * the ETag, sends the part again, and never calls a job done on an unchecked answer.
 */
describe('answers without a CRC-64', () => {
  it('a damaged part is caught by MD5 against its ETag and sent again', async () => {
    const file = writeRandomFile(tmp.dir, 'parts.mp4', 3 * MiB + 100);
    const rig = openRig(join(tmp.dir, 'parts.db'), emulator.config, { settings });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    emulator.schedule('corrupt', 'UploadPart');
    rig.engine.start();
    await rig.engine.whenIdle();
    const done = rig.queue.jobs.get(job.id)!;
    expect(done.status.state).toBe('done');
    expect(done.crc64).toBe(file.crc64);
    const state = await emulatorState(emulator.config);
    expect(state.objects.find((o) => o.key === done.objectKey)?.crc64).toBe(file.crc64);
    expect((await callsSince())('UploadPart')).toBe(4 + 1);
    await rig.close();
  });

  it('a damaged single PUT is caught the same way', async () => {
    const file = writeRandomFile(tmp.dir, 'small.mp4', 200 * KiB);
    const rig = openRig(join(tmp.dir, 'put.db'), emulator.config, { settings });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    emulator.schedule('corrupt', 'PutObject');
    rig.engine.start();
    await rig.engine.whenIdle();
    const done = rig.queue.jobs.get(job.id)!;
    expect(done.status.state).toBe('done');
    const state = await emulatorState(emulator.config);
    expect(state.objects.find((o) => o.key === done.objectKey)?.crc64).toBe(file.crc64);
    expect((await callsSince())('PutObject')).toBe(2);
    await rig.close();
  });

  it('an answer with neither a CRC-64 nor an MD5 ETag fails the job closed: not done, no history', async () => {
    const file = writeRandomFile(tmp.dir, 'opaque.mp4', 150 * KiB);
    const rig = openRig(join(tmp.dir, 'opaque.db'), emulator.config, { settings });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    emulator.schedule('opaque-etag', 'PutObject');
    rig.engine.start();
    await rig.engine.whenIdle();
    const failed = rig.queue.jobs.get(job.id)!;
    expect(failed.status).toMatchObject({ state: 'failed', error: { code: 'UploadUnverified' } });
    expect(rig.queue.history.list().total).toBe(0);
    await rig.close();
  });

  it('an opaque ETag with a CRC-64 in the answer is fine: the CRC-64 is the check', async () => {
    emulator.setFaults({ omitCrc64: false });
    try {
      const file = writeRandomFile(tmp.dir, 'opaque-crc.mp4', 150 * KiB);
      const rig = openRig(join(tmp.dir, 'opaque-crc.db'), emulator.config, { settings });
      const job = jobFor(file.path);
      rig.queue.jobs.insertMany([job]);
      emulator.schedule('opaque-etag', 'PutObject');
      rig.engine.start();
      await rig.engine.whenIdle();
      expect(rig.queue.jobs.get(job.id)!.status.state).toBe('done');
      await rig.close();
    } finally {
      emulator.setFaults({ omitCrc64: true });
    }
  });

  it('a part that never arrives whole fails the job: not done, no history', async () => {
    const file = writeRandomFile(tmp.dir, 'always-bad.mp4', 2 * MiB + 1);
    const rig = openRig(join(tmp.dir, 'bad.db'), emulator.config, {
      settings,
      retry: { maxPartAttempts: 3, maxJobAttempts: 1, backoff: { baseMs: 10, maxMs: 50, minMs: 5 } },
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    emulator.schedule('corrupt', 'UploadPart', 1_000);
    rig.engine.start();
    await rig.engine.whenIdle();
    const failed = rig.queue.jobs.get(job.id)!;
    expect(failed.status).toMatchObject({ state: 'failed', error: { code: 'PartMd5Mismatch' } });
    expect(rig.queue.history.list().total).toBe(0);
    expect((await callsSince())('CompleteMultipartUpload')).toBe(0);
    await rig.close();
  });
});
