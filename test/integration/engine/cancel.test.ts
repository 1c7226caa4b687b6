import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, POLICIES, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-cancel-');

afterAll(() => tmp.cleanup());

describe.each(POLICIES)('cancel, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 19, bandwidth: 4 * MiB, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('stops a running multipart upload and aborts it on OSS: no parts, no object left', async () => {
    const file = writeRandomFile(tmp.dir, 'cancel-me.mp4', 8 * MiB);
    const rig = openRig(join(tmp.dir, `cancel-${uploadPolicy}.db`), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB },
      stallTimeoutMs: 8_000,
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    rig.engine.start();
    while (rig.queue.parts.list(job.id).length < 2) await delay(20);
    const running = rig.queue.jobs.get(job.id)!;
    expect(emulator.uploads().map((u) => u.uploadId)).toContain(running.uploadId);

    await rig.engine.cancel([job.id]);
    await rig.engine.whenIdle();
    const row = rig.queue.jobs.get(job.id)!;
    expect(row.status).toEqual({ state: 'canceled' });
    expect(row.uploadId).toBeNull();
    expect(rig.queue.parts.list(job.id)).toEqual([]);
    expect(emulator.uploads().filter((u) => u.key === running.objectKey)).toEqual([]);
    const state = await emulatorState(emulator.config);
    expect(state.calls['AbortMultipartUpload']).toBe(1);
    expect(state.objects.find((o) => o.key === running.objectKey)).toBeUndefined();
    await rig.close();
  });
});
