import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-lost-initiate-');
const settings = { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB };

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 21, transcodeDelay: 10 });
});
afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

/**
 * An InitiateMultipartUpload OSS applied but whose answer the engine never recorded leaves an upload open on
 * the video's key that no Complete or Abort of ours will ever touch (VOD drops such parts only after 7 days).
 * Issue 14: no multipart upload may remain. Before starting another upload on the key, the engine has VOD
 * drop what is open there (DeleteMultipartUpload).
 */
describe('an Initiate whose answer was lost leaves no upload open', () => {
  it('a lost answer, retried in the same run', async () => {
    const file = writeRandomFile(tmp.dir, 'lost.mp4', 3 * MiB + 5);
    const rig = openRig(join(tmp.dir, 'lost.db'), emulator.config, { settings });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    const before = (await emulatorState(emulator.config)).calls;
    emulator.schedule('lose-answer', 'InitiateMultipartUpload');
    rig.engine.start();
    await rig.engine.whenIdle();
    const done = rig.queue.jobs.get(job.id)!;
    await rig.close();
    expect(done.status.state).toBe('done');
    expect(done.crc64).toBe(file.crc64);
    const state = await emulatorState(emulator.config);
    const delta = (name: string): number => (state.calls[name] ?? 0) - (before[name] ?? 0);
    expect(delta('InitiateMultipartUpload')).toBe(2);
    expect(delta('DeleteMultipartUpload')).toBe(1);
    expect(emulator.uploads().filter((u) => u.key === done.objectKey)).toEqual([]);
  });

  it('an upload started before a crash whose id was never saved', async () => {
    const file = writeRandomFile(tmp.dir, 'crash.mp4', 6 * MiB + 9);
    const dbFile = join(tmp.dir, 'crash.db');
    const first = openRig(dbFile, emulator.config, { settings });
    const job = jobFor(file.path);
    first.queue.jobs.insertMany([job]);
    first.engine.start();
    while (first.queue.parts.list(job.id).length < 1) await delay(20);
    await first.engine.pause([job.id]);
    // What a kill between the Initiate answer and its save leaves: the VideoId on record, no upload id.
    first.queue.jobs.resetUpload(job.id);
    const key = first.queue.jobs.get(job.id)!.objectKey;
    await first.close();
    const onKey = () => emulator.uploads().filter((u) => u.key === key);
    expect(onKey()).toHaveLength(1);

    const second = openRig(dbFile, emulator.config, { settings });
    second.engine.resume([job.id]);
    second.engine.start();
    await second.engine.whenIdle();
    const done = second.queue.jobs.get(job.id)!;
    await second.close();
    expect(done.status.state).toBe('done');
    expect(done.crc64).toBe(file.crc64);
    expect(done.objectKey).toBe(key);
    expect(onKey()).toEqual([]);
  });
});
