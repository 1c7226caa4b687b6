import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, openRig, tempDir, writeRandomFile, POLICIES } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-gone-');

afterAll(() => tmp.cleanup());

// narrow: neither ListParts nor HeadObject is allowed, so the engine learns of a gone upload from UploadPart or
// Complete and settles it with VOD (GetVideoInfo); broad: ListParts and HeadObject answer.
describe.each(POLICIES)('NoSuchUpload, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 13, bandwidth: 6 * MiB, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('starts a new multipart upload on the same key and VideoId when the old upload expired', async () => {
    const file = writeRandomFile(tmp.dir, 'expired.mp4', 8 * MiB);
    const rig = openRig(join(tmp.dir, `gone-${uploadPolicy}.db`), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB },
      stallTimeoutMs: 8_000,
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    rig.engine.start();
    while (rig.queue.parts.list(job.id).length < 2) await delay(20);
    await rig.engine.pause([job.id]);
    const before = rig.queue.jobs.get(job.id)!;
    expect(before.uploadId).not.toBeNull();
    expect(emulator.expireUpload(before.uploadId!)).toBe(true);

    rig.engine.resume([job.id]);
    await rig.engine.whenIdle();
    const after = rig.queue.jobs.get(job.id)!;
    expect(after.status.state).toBe('done');
    expect(after.mediaId).toBe(before.mediaId);
    expect(after.objectKey).toBe(before.objectKey);
    expect(after.uploadId).not.toBe(before.uploadId);
    expect(after.crc64).toBe(file.crc64);
    const state = await emulatorState(emulator.config);
    expect(state.objects.find((o) => o.key === after.objectKey)?.crc64).toBe(file.crc64);
    expect(state.calls['InitiateMultipartUpload']).toBe(2);
    expect(state.calls['CreateUploadVideo']).toBe(1);
    await rig.close();
  });

  it('settles a Complete whose answer was lost (applied on OSS, the connection dropped)', async () => {
    const file = writeRandomFile(tmp.dir, 'lost-answer.mp4', 3 * MiB + 17);
    const rig = openRig(join(tmp.dir, `lost-answer-${uploadPolicy}.db`), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB },
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    const before = (await emulatorState(emulator.config)).calls;
    emulator.schedule('lose-answer', 'CompleteMultipartUpload');
    rig.engine.start();
    await rig.engine.whenIdle();
    const done = rig.queue.jobs.get(job.id)!;
    expect(done.status).toEqual({ state: 'done', mediaId: expect.any(String) });
    expect(done.crc64).toBe(file.crc64);
    const state = await emulatorState(emulator.config);
    expect(state.objects.find((o) => o.key === done.objectKey)?.crc64).toBe(file.crc64);
    const delta = (name: string): number => (state.calls[name] ?? 0) - (before[name] ?? 0);
    // Complete again → NoSuchUpload, then the settle; nothing uploaded twice.
    expect(delta('CompleteMultipartUpload')).toBe(2);
    expect(delta('InitiateMultipartUpload')).toBe(1);
    expect(delta('UploadPart')).toBe(4);
    if (uploadPolicy === 'narrow') {
      expect(delta('GetVideoInfo')).toBeGreaterThanOrEqual(1);
    } else {
      expect(delta('HeadObject')).toBe(1);
      expect(delta('GetVideoInfo')).toBe(0);
    }
    await rig.close();
  });

  it('treats NoSuchUpload with the whole object present as done (a Complete whose answer was lost)', async () => {
    const file = writeRandomFile(tmp.dir, 'lost-complete.mp4', 3 * MiB);
    const rig = openRig(join(tmp.dir, `lost-${uploadPolicy}.db`), emulator.config, {
      settings: { filesAtOnce: 1, partsInFlight: 2, bandwidthLimit: 0, partSize: 1 * MiB },
    });
    const job = jobFor(file.path);
    rig.queue.jobs.insertMany([job]);
    rig.engine.start();
    await rig.engine.whenIdle();
    const done = rig.queue.jobs.get(job.id)!;
    expect(done.status.state).toBe('done');
    // Replay the crash window: the same job, queued again with its upload id, after Complete succeeded.
    const db = rig.database.db;
    db.prepare(
      `UPDATE jobs SET state = 'queued', status = '{"state":"queued"}', media_id = ?, object_key = ?,
        upload_id = ?, part_size = ? WHERE id = ?`,
    ).run(done.mediaId, done.objectKey, done.uploadId, done.partSize, job.id);
    db.prepare('DELETE FROM history').run();
    const initiates = (await emulatorState(emulator.config)).calls['InitiateMultipartUpload'];
    rig.engine.poke();
    await rig.engine.whenIdle();
    const again = rig.queue.jobs.get(job.id)!;
    expect(again.status).toEqual({ state: 'done', mediaId: done.mediaId });
    expect(again.crc64).toBe(file.crc64);
    expect((await emulatorState(emulator.config)).calls['InitiateMultipartUpload']).toBe(initiates);
    await rig.close();
  });
});
