import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, tempDir, writeRandomFile, POLICIES } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-sts-');

afterAll(() => tmp.cleanup());

describe.each(POLICIES)('credential refresh, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    // 4 MB/s: a 60 MB video takes ~15 s, far beyond the 3 s credential life.
    emulator = await startEmulator({ sink: true, seed: 3, stsTtl: 3, bandwidth: 4 * MiB, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('uploads a 60 MB video on 3-second credentials with one VideoId and RefreshUploadVideo', async () => {
    const file = writeRandomFile(tmp.dir, 'long.mp4', 60 * 1000 * 1000);
    const rig = openRig(join(tmp.dir, `sts-${uploadPolicy}.db`), emulator.config, {
      marginMs: 1_000,
      settings: { filesAtOnce: 1, partsInFlight: 4, bandwidthLimit: 0, partSize: 1 * MiB },
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    rig.engine.start();
    await rig.engine.whenIdle();
    const row = rig.queue.jobs.get(job.id)!;
    expect(row.status).toEqual({ state: 'done', mediaId: row.mediaId });
    expect(row.crc64).toBe(file.crc64);
    const state = await emulatorState(emulator.config);
    expect(state.media.filter((m) => m.kind === 'video').map((m) => m.mediaId)).toEqual([row.mediaId]);
    expect(state.calls['CreateUploadVideo']).toBe(1);
    expect(state.calls['RefreshUploadVideo'] ?? 0).toBeGreaterThanOrEqual(1);
    expect(state.objects.find((o) => o.key === row.objectKey)?.crc64).toBe(file.crc64);
    console.log('sts-ttl 3, 60 MB:', state.calls);
    await rig.close();
  });
});
