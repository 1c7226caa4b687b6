import { copyFileSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../../electron/core/queue/duplicate-check';
import { sampledFingerprint } from '../../../electron/core/scan/fingerprint';
import { createQueueService } from '../../../electron/core/queue/queue-service';
import { AddSummarySchema, JobViewSchema } from '../../../shared/domain/queue';
import { addPaths, openTempStore, tempDir } from './temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function media(files: Record<string, string>): string {
  const { dir, cleanup } = tempDir('vod-media-');
  cleanups.push(cleanup);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

function setup(destinationFor?: (profileId: string | null) => Promise<Destination | null>) {
  const t = openTempStore(() => new Date(2026, 10, 21, 9, 0).getTime());
  cleanups.push(t.cleanup);
  let n = 0;
  const service = createQueueService({
    store: t.store,
    ...(destinationFor ? { destinationFor } : {}),
    now: () => new Date(2026, 10, 21, 9, 0).getTime(),
    newId: () => `id-${++n}`,
    profileDefaults: (id) =>
      id === 'studio' ? { tags: ['studio'], cateId: 7, titleTemplate: '{folder} {name}' } : undefined,
  });
  return { t, service };
}

describe('queue service: add', () => {
  it('queues what VOD takes, reports what it skipped, and applies profile and batch metadata', async () => {
    const root = media({
      'Rushes/Day1/A001.mov': 'aaaa',
      'Rushes/Day1/.DS_Store': 'x',
      'Rushes/Day1/notes.txt': 'x',
      'Rushes/subs.srt': 'ss',
      'Rushes/still.png': 'p',
    });
    const { t, service } = setup();
    const summary = await addPaths(service, t.store, [join(root, 'Rushes')], {
      profileId: 'studio',
      description: 'Launch',
    });
    expect(AddSummarySchema.parse(summary)).toEqual({
      added: 3,
      bytes: 7,
      skipped: [
        { path: join(root, 'Rushes/Day1/.DS_Store'), reason: 'system file' },
        { path: join(root, 'Rushes/Day1/notes.txt'), reason: '.txt files are not accepted by VOD' },
      ],
      duplicates: [],
      jobIds: ['id-1', 'id-2', 'id-3'],
      earlier: [],
    });
    const rows = t.store.jobs.list();
    expect(rows.map((r) => [r.relativeDir, r.name, r.kind, r.businessType, r.title])).toEqual([
      ['Rushes', 'still.png', 'image', null, 'Rushes still'],
      ['Rushes', 'subs.srt', 'attached', 'subtitle', 'Rushes subs'],
      ['Rushes/Day1', 'A001.mov', 'video', null, 'Day1 A001'],
    ]);
    expect(rows[0]).toMatchObject({
      root,
      profileId: 'studio',
      metadata: { tags: ['studio'], cateId: 7, description: 'Launch', titleTemplate: '{folder} {name}' },
    });
    const listed = service.list();
    expect(listed.jobs.map((j) => JobViewSchema.parse(j).id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(listed.totals).toMatchObject({ jobs: 3, bytesTotal: 7, counts: { queued: 3 } });
  });

  it('reports files already queued or uploaded instead of queuing them again', async () => {
    const root = media({ 'R/A.mov': 'aa', 'R/B.mov': 'bb' });
    const { t, service } = setup();
    const first = await addPaths(service, t.store, [join(root, 'R')]);
    expect(first.added).toBe(2);
    const [a] = first.jobIds;
    t.store.jobs.setStatus(a!, { state: 'preparing' });
    t.store.jobs.setStatus(a!, { state: 'verifying' });
    t.store.jobs.markDone(a!, { mediaId: 'vid-a', crc64: '1' });
    t.store.jobs.clearFinished();

    writeFileSync(join(root, 'R', 'C.mov'), 'cc');
    const second = await addPaths(service, t.store, [join(root, 'R')]);
    expect(second).toMatchObject({
      added: 1,
      duplicates: [
        { path: join(root, 'R/A.mov'), reason: 'already uploaded as vid-a on 2026-11-21' },
        { path: join(root, 'R/B.mov'), reason: 'already in the queue (queued)' },
      ],
    });
    // A canceled job does not block adding the file again.
    t.store.jobs.setStatus(second.jobIds[0]!, { state: 'canceled' });
    expect((await addPaths(service, t.store, [join(root, 'R', 'C.mov')])).added).toBe(1);
  });

  it('uses the default profile from settings when the batch names none', async () => {
    const root = media({ 'A.mov': 'a' });
    const { t, service } = setup();
    t.store.settings.set({ defaultProfileId: 'studio' });
    await addPaths(service, t.store, [join(root, 'A.mov')]);
    expect(t.store.jobs.list()[0]).toMatchObject({ profileId: 'studio', title: 'A' });
  });

  /** Marks a queued job uploaded (as the engine would) and clears it from the queue. */
  function finish(t: ReturnType<typeof setup>['t'], id: string, mediaId: string) {
    t.store.jobs.setStatus(id, { state: 'preparing' });
    t.store.jobs.setStatus(id, { state: 'verifying' });
    t.store.jobs.markDone(id, { mediaId, crc64: '1' });
    t.store.jobs.clearFinished();
  }

  it('checks duplicates per destination, by content: moved and renamed files too, --force sends anyway', async () => {
    const root = media({ 'R/A.mov': 'same bytes', 'S/other.mov': 'diff bytes' });
    const places: Record<string, Destination> = {
      studio: { key: 'profile:studio|LTAI****abcd|cn-shanghai', label: 'profile "Studio" (cn-shanghai)' },
      trial: { key: 'key:EMU|cn-shanghai|127.0.0.1:1', label: 'LTAI****EMU0, cn-shanghai at 127.0.0.1:1' },
    };
    const { t, service } = setup(async (id) => places[id ?? 'trial'] ?? null);
    const a = join(root, 'R/A.mov');
    const other = join(root, 'S/other.mov');
    // Whole seconds, so another file can be given exactly the same mtime.
    for (const f of [a, other]) utimesSync(f, 1_700_000_000, 1_700_000_000);
    const first = await addPaths(service, t.store, [a], { profileId: 'studio' });
    // The engine takes the fingerprint when the upload starts.
    t.store.jobs.recordFingerprint(first.jobIds[0]!, await sampledFingerprint(a));
    expect(t.store.jobs.get(first.jobIds[0]!)).toMatchObject({
      destination: `${places['studio']!.key}|storage:|app:`,
      destinationLabel: 'profile "Studio" (cn-shanghai)',
    });
    finish(t, first.jobIds[0]!, 'vid-a');

    // Another destination (the emulator trial, no profile): uploaded there too.
    const elsewhere = await addPaths(service, t.store, [a]);
    expect(elsewhere).toMatchObject({ added: 1, earlier: [] });
    // Same profile, another storage location: another destination.
    expect(
      (await addPaths(service, t.store, [a], { profileId: 'studio', storageLocation: 'out-2.oss' })).added,
    ).toBe(1);

    // Same destination: moved to another folder and renamed, content and mtime kept.
    const moved = join(root, 'S/A-final.mov');
    renameSync(a, moved);
    const again = await addPaths(service, t.store, [moved], { profileId: 'studio' });
    expect(again.added).toBe(0);
    expect(again.earlier).toEqual([
      {
        path: moved,
        state: 'uploaded',
        jobId: null,
        mediaId: 'vid-a',
        kind: 'video',
        earlierPath: a,
        destination: 'profile "Studio" (cn-shanghai)',
        finishedAt: new Date(2026, 10, 21, 9, 0).getTime(),
      },
    ]);
    expect(again.duplicates[0]!.reason).toBe(
      `already uploaded to profile "Studio" (cn-shanghai) as vid-a on 2026-11-21 (from ${a})`,
    );

    // Same size and mtime but other bytes: not the same file.
    expect((await addPaths(service, t.store, [other], { profileId: 'studio' })).added).toBe(1);

    // --force / "Upload again": queued although it is in VOD.
    const forced = await addPaths(service, t.store, [moved], { profileId: 'studio', force: true });
    expect(forced).toMatchObject({ added: 1, earlier: [] });
  });

  it('hands back a failed earlier job of the same file (to retry) instead of skipping it', async () => {
    const root = media({ 'R/B.mov': 'bbbb' });
    const { t, service } = setup(async () => ({ key: 'k', label: 'here' }));
    const b = join(root, 'R/B.mov');
    utimesSync(b, 1_700_000_000, 1_700_000_000);
    const first = await addPaths(service, t.store, [b]);
    const id = first.jobIds[0]!;
    t.store.jobs.setStatus(id, { state: 'preparing' });
    t.store.jobs.setStatus(id, {
      state: 'failed',
      error: { code: 'SignatureDoesNotMatch', message: 'bad secret' },
    });
    // A copy of the same file elsewhere (a second camera card dump) is the same content too.
    const copy = join(root, 'copy.mov');
    copyFileSync(b, copy);
    utimesSync(copy, 1_700_000_000, 1_700_000_000);
    const again = await addPaths(service, t.store, [b, copy]);
    expect(again.added).toBe(0);
    expect(again.earlier.map((e) => [e.path, e.state, e.jobId])).toEqual([
      [b, 'failed', id],
      [copy, 'failed', id],
    ]);
  });
});
