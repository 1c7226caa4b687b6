import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-new-key-');

beforeAll(async () => {
  // 3-second credentials and 2 MB/s: a 10 MB video needs a refresh (or several) while it uploads.
  emulator = await startEmulator({ sink: true, seed: 17, stsTtl: 3, bandwidth: 2 * MiB });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

/**
 * --refresh-new-key: RefreshUploadVideo answers the same VideoId with a new object key. The engine goes on
 * uploading to the new key (a new multipart upload there), aborts the upload on the old key, and does not
 * count the move as a failed attempt.
 */
describe('RefreshUploadVideo with a new object key', () => {
  it('continues on the new key, aborts the old upload, and counts no failed attempt', async () => {
    const file = writeRandomFile(tmp.dir, 'moved.mp4', 10 * MiB + 3);
    const rig = openRig(join(tmp.dir, 'moved.db'), emulator.config, {
      marginMs: 1_000,
      settings: { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB },
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    rig.engine.start();
    while (rig.queue.parts.list(job.id).length < 2) await delay(20);
    const first = rig.queue.jobs.get(job.id)!;
    const firstKey = first.objectKey;
    const firstUploadId = first.uploadId;
    // The next refresh moves the video; once it has moved, later refreshes keep the new key.
    emulator.setFaults({ refreshNewKey: true });
    const end = Date.now() + 30_000;
    while (rig.queue.jobs.get(job.id)!.objectKey === firstKey) {
      if (Date.now() > end) throw new Error('the key never changed');
      await delay(20);
    }
    emulator.setFaults({ refreshNewKey: false });
    await rig.engine.whenIdle();

    const row = rig.queue.jobs.get(job.id)!;
    expect(row.status).toEqual({ state: 'done', mediaId: first.mediaId });
    expect(row.objectKey).not.toBe(firstKey);
    expect(row.crc64).toBe(file.crc64);
    expect(row.attempts).toBe(0);
    const state = await emulatorState(emulator.config);
    expect(state.objects.find((o) => o.key === row.objectKey)?.crc64).toBe(file.crc64);
    expect(state.objects.find((o) => o.key === firstKey)).toBeUndefined();
    // The old key's multipart upload is gone (aborted), not left for VOD's 7-day cleanup.
    expect(emulator.uploads().filter((u) => u.uploadId === firstUploadId)).toEqual([]);
    expect(state.calls['AbortMultipartUpload']).toBe(1);
    expect(state.calls['CreateUploadVideo']).toBe(1);
    expect(state.media.find((m) => m.mediaId === first.mediaId)?.key).toBe(row.objectKey);
    await rig.close();
  });
});
