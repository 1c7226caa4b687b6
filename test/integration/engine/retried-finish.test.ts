import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-retried-finish-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

/**
 * A request that fails once and succeeds on retry at the very end of a job (the Complete of a multipart
 * upload, the PutObject of a small file) leaves the job 'retrying'; it must still finish as done, through
 * 'verifying', not fail with an illegal transition.
 */
describe('a retried final request', () => {
  it.each([
    ['CompleteMultipartUpload', 'clip.mp4', 900 * KiB],
    ['PutObject', 'small.mp4', 60 * KiB],
  ])('%s failing once still ends in done', async (operation, name, size) => {
    const file = writeRandomFile(tmp.dir, name, size);
    const rig = openRig(join(tmp.dir, `${operation}.db`), emulator.config);
    rig.queue.jobs.insertMany([jobFor(file.path)]);
    emulator.failNext(operation, 1);
    rig.engine.start();
    await rig.engine.whenIdle();
    const [job] = rig.queue.jobs.list();
    expect(job!.status).toEqual({ state: 'done', mediaId: expect.any(String) });
    // The retry is on record (the row shows "retried once").
    expect(job!.attempts).toBe(1);
    const state = await emulatorState(emulator.config);
    expect(state.calls[operation]).toBeGreaterThanOrEqual(2);
    expect(state.objects.find((o) => o.key === job!.objectKey)?.crc64).toBe(file.crc64);
    await rig.close();
  });
});
