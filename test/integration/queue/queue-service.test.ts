import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

function setup() {
  const t = openTempStore(() => new Date(2026, 10, 21, 9, 0).getTime());
  cleanups.push(t.cleanup);
  let n = 0;
  const service = createQueueService({
    store: t.store,
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
});
