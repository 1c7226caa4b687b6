import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteMedia } from '../../../electron/core/engine/media-ledger-port';
import { vodRemoteMedia } from '../../../electron/core/vod/vod-remote-media';
import { withMarker } from '../../../electron/core/vod/upload-marker';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorVod, jobFor, MiB, openRig, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-one-media-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 21 });
});
afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

const SMALL = { filesAtOnce: 3, partsInFlight: 2, bandwidthLimit: 0, partSize: 256 * 1024 };

function liveMedia() {
  return emulator.state().media;
}

describe('exactly one media per file', () => {
  it('a create whose answer a crash lost: the video is adopted, the image and subtitle are deleted', async () => {
    const files = [
      writeRandomFile(tmp.dir, 'lost.mp4', 1 * MiB),
      writeRandomFile(tmp.dir, 'lost.jpg', 300 * 1024),
      writeRandomFile(tmp.dir, 'lost.srt', 2000),
    ];
    const dbFile = join(tmp.dir, 'lost.db');
    const rig = openRig(dbFile, emulator.config, { settings: SMALL });
    const jobs = files.map((f) => jobFor(f.path));
    rig.queue.jobs.insertMany(jobs);
    // What a process killed right after CreateUpload* returned leaves: the intent on record, the media in
    // VOD, nothing on the job.
    const vod = emulatorVod(emulator.config);
    const orphans: string[] = [];
    for (const job of jobs) {
      const marker = `m-${job.id}`;
      rig.queue.ledger.recordIntent({
        marker,
        jobId: job.id,
        kind: job.kind,
        profileId: null,
        startedAt: Date.now(),
      });
      const userData = withMarker(undefined, marker);
      const created =
        job.kind === 'video'
          ? await vod.createUploadVideo({ title: job.title, fileName: job.name, userData })
          : job.kind === 'image'
            ? await vod.createUploadImage({ title: job.title, imageExt: 'jpg', userData })
            : await vod.createUploadAttachedMedia({
                title: job.title,
                businessType: 'subtitle',
                mediaExt: 'srt',
                userData,
              });
      orphans.push(created.mediaId);
    }
    const calls = { ...emulator.state().calls };

    rig.engine.start();
    await rig.engine.whenIdle();
    const rows = jobs.map((j) => rig.queue.jobs.get(j.id)!);
    expect(rows.map((r) => r.status.state)).toEqual(['done', 'done', 'done']);
    // The video kept the VideoId its lost create made; the others were re-created and the orphans deleted.
    expect(rows[0]!.mediaId).toBe(orphans[0]);
    expect(emulator.state().calls['CreateUploadVideo']).toBe(calls['CreateUploadVideo']);
    expect(emulator.state().calls['RefreshUploadVideo']).toBe((calls['RefreshUploadVideo'] ?? 0) + 1);
    const live = new Set(liveMedia().map((m) => m.mediaId));
    expect(live.has(orphans[1]!)).toBe(false);
    expect(live.has(orphans[2]!)).toBe(false);
    for (const row of rows) expect(live.has(row.mediaId!)).toBe(true);
    expect(rig.queue.ledger.pendingDeletions()).toEqual([]);
    expect(rig.queue.ledger.orphanIntents()).toEqual([]);
    await rig.close();
  });

  it('a restart mid-upload: an image or subtitle cannot be refreshed, so the old media is deleted, not left', async () => {
    const files = [
      writeRandomFile(tmp.dir, 'restart.png', 4 * MiB),
      writeRandomFile(tmp.dir, 'restart.vtt', 4 * MiB),
    ];
    const dbFile = join(tmp.dir, 'restart.db');
    const jobs = files.map((f) => jobFor(f.path));
    let before: { id: string; mediaId: string; key: string | null }[];
    emulator.setFaults({ bandwidth: 256 * 1024 });
    try {
      const first = openRig(dbFile, emulator.config, { settings: SMALL });
      first.queue.jobs.insertMany(jobs);
      first.engine.start();
      const rows = () => jobs.map((j) => first.queue.jobs.get(j.id)!);
      while (!rows().every((r) => r.mediaId !== null) || !rows().some((r) => r.bytesDone > 0))
        await delay(20);
      await first.engine.shutdown();
      before = rows()
        .filter((r) => r.status.state !== 'done')
        .map((r) => ({ id: r.id, mediaId: r.mediaId!, key: r.objectKey }));
      first.database.close();
    } finally {
      emulator.setFaults({ bandwidth: 0 });
    }
    expect(before.length).toBeGreaterThan(0);

    const second = openRig(dbFile, emulator.config, { settings: SMALL });
    second.engine.start();
    await second.engine.whenIdle();
    expect(jobs.map((j) => second.queue.jobs.get(j.id)!.status.state)).toEqual(['done', 'done']);
    const live = new Set(liveMedia().map((m) => m.mediaId));
    for (const old of before) {
      const row = second.queue.jobs.get(old.id)!;
      expect(row.mediaId).not.toBe(old.mediaId);
      expect(live.has(row.mediaId!)).toBe(true);
      expect(live.has(old.mediaId)).toBe(false);
      expect(emulator.uploads().filter((u) => u.key === old.key)).toEqual([]);
    }
    expect(second.queue.ledger.pendingDeletions()).toEqual([]);
    await second.close();
  });

  it('a delete VOD refuses is kept with its error, shown, and retried until it succeeds', async () => {
    const file = writeRandomFile(tmp.dir, 'cancel.jpg', 2 * MiB);
    const vod = emulatorVod(emulator.config);
    const real = vodRemoteMedia(async () => vod);
    let refusals = 1;
    const flaky: RemoteMedia = {
      findCreated: (intent) => real.findCreated(intent),
      async deleteMedia(profileId, kind, ids) {
        if (refusals-- > 0) throw Object.assign(new Error('VOD said no'), { code: 'ServiceUnavailable' });
        await real.deleteMedia(profileId, kind, ids);
      },
    };
    const dbFile = join(tmp.dir, 'cancel.db');
    const rig = openRig(dbFile, emulator.config, { settings: SMALL, remote: flaky });
    const job = jobFor(file.path);
    emulator.setFaults({ bandwidth: 512 * 1024 });
    try {
      rig.queue.jobs.insertMany([job]);
      rig.engine.start();
      while (rig.queue.parts.list(job.id).length === 0) await delay(20);
    } finally {
      emulator.setFaults({ bandwidth: 0 });
    }
    const { mediaId, objectKey } = rig.queue.jobs.get(job.id)!;
    await rig.engine.cancel([job.id], { deleteMedia: true });
    expect(rig.queue.jobs.get(job.id)!.status.state).toBe('canceled');
    // Refused once: still owed, with the reason and the error on record; the media is still in VOD.
    expect(rig.queue.ledger.pendingDeletions()).toEqual([
      expect.objectContaining({
        mediaId,
        kind: 'image',
        reason: 'canceled',
        attempts: 1,
        lastError: expect.objectContaining({ code: 'ServiceUnavailable' }),
      }),
    ]);
    expect(liveMedia().some((m) => m.mediaId === mediaId)).toBe(true);
    await rig.engine.sweepMedia();
    expect(rig.queue.ledger.pendingDeletions()).toEqual([]);
    expect(liveMedia().some((m) => m.mediaId === mediaId)).toBe(false);
    expect(emulator.uploads().filter((u) => u.key === objectKey)).toEqual([]);
    await rig.close();
  });
});
