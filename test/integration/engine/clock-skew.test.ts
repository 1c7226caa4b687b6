import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-skew-');

beforeAll(async () => {
  // Alibaba Cloud's clock 20 minutes ahead of this computer's: every first request is refused for its time.
  emulator = await startEmulator({ sink: true, seed: 4, skew: 20 * 60 });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('a server clock 20 minutes ahead', () => {
  it('uploads anyway: VOD and OSS each refuse once, the engine learns the offset and re-dates its requests', async () => {
    const video = writeRandomFile(tmp.dir, 'skewed.mp4', 3 * MiB + 7);
    const small = writeRandomFile(tmp.dir, 'small.mov', 100 * KiB);
    const rig = openRig(join(tmp.dir, 'skew.db'), emulator.config);
    const jobs = [jobFor(video.path), jobFor(small.path)];
    rig.queue.jobs.insertMany(jobs);
    rig.engine.start();
    await rig.engine.whenIdle();
    const state = await emulatorState(emulator.config);
    for (const [i, job] of jobs.entries()) {
      const row = rig.queue.jobs.get(job.id)!;
      expect(row.status).toEqual({ state: 'done', mediaId: row.mediaId });
      expect(row.crc64).toBe([video, small][i]!.crc64);
      expect(state.objects.find((o) => o.key === row.objectKey)?.crc64).toBe([video, small][i]!.crc64);
    }
    // At most one refusal per file before the shared VodClient knows the offset (the two start together),
    // and still exactly one media per file.
    expect(state.calls['CreateUploadVideo']).toBeLessThanOrEqual(4);
    expect(state.media).toHaveLength(2);
    console.log('server clock +20 min:', state.calls);
    await rig.close();
  });
});
