import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../electron/core/queue/history-repository';
import type { ContentKey } from '../../../electron/core/queue/same-content';
import { newJob, openTempStore } from './temp-db';

const opened: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.cleanup();
});

function upload(i: number, over: Partial<HistoryEntry>): HistoryEntry {
  return {
    id: `h${i}`,
    mediaId: `media${i}`,
    kind: 'video',
    businessType: null,
    title: `t${i}`,
    path: `/m/up${i}.mov`,
    relativeDir: 'm',
    name: `up${i}.mov`,
    size: 1,
    mtimeMs: 1,
    fingerprint: null,
    profileId: null,
    profileName: null,
    addedAt: i,
    finishedAt: 10_000 + i,
    vodStatus: null,
    crc64: null,
    destination: 'd1',
    destinationLabel: 'D1',
    tags: [],
    ...over,
  };
}

/**
 * The batch lookup (one query per table for a whole add, issue 19) must answer exactly what the per-file
 * queries it replaced answer: same jobs in queue order (destination or, without one, same path; never canceled),
 * same uploads newest first, fractional mtimes compared exactly.
 */
describe('same-content lookup for a batch', () => {
  it('answers like the per-file queries, for every file of the batch', () => {
    const t = openTempStore();
    opened.push(t);
    const { jobs, history } = t.store;
    const mtime = 1_700_000_000_123.456;
    jobs.insertMany([
      newJob({ id: 'same-dest', path: '/a/1.mov', size: 10, mtimeMs: mtime, destination: 'd1' }),
      newJob({ id: 'other-dest', path: '/a/1.mov', size: 10, mtimeMs: mtime, destination: 'd2' }),
      newJob({ id: 'legacy-same-path', path: '/a/1.mov', size: 10, mtimeMs: mtime, destination: null }),
      newJob({ id: 'legacy-other-path', path: '/b/1.mov', size: 10, mtimeMs: mtime, destination: null }),
      newJob({ id: 'canceled', path: '/a/1.mov', size: 10, mtimeMs: mtime, destination: 'd1' }),
      newJob({ id: 'near-mtime', path: '/a/1.mov', size: 10, mtimeMs: mtime + 0.001, destination: 'd1' }),
      newJob({ id: 'int-mtime', path: '/a/2.mov', size: 20, mtimeMs: 5000, destination: 'd1' }),
    ]);
    jobs.setStatus('canceled', { state: 'canceled' });
    jobs.reorder(['same-dest'], 'bottom');
    history.insert(upload(1, { size: 10, mtimeMs: mtime, finishedAt: 1 }));
    history.insert(upload(2, { size: 10, mtimeMs: mtime, finishedAt: 3 }));
    history.insert(upload(3, { size: 10, mtimeMs: mtime, destination: 'd2' }));
    history.insert(upload(4, { size: 20, mtimeMs: 5000 }));

    const files: ContentKey[] = [
      { size: 10, mtimeMs: mtime, path: '/a/1.mov' },
      { size: 10, mtimeMs: mtime, path: '/b/1.mov' },
      { size: 10, mtimeMs: mtime, path: '/c/1.mov' },
      { size: 10, mtimeMs: mtime + 0.001, path: '/a/1.mov' },
      { size: 20, mtimeMs: 5000, path: '/a/2.mov' },
      { size: 30, mtimeMs: 5000, path: '/none.mov' },
    ];
    for (const destination of ['d1', 'd2', null]) {
      const index = t.store.sameContent(files, destination);
      for (const f of files) {
        const label = `${f.path} ${f.mtimeMs} → ${destination}`;
        expect(index.jobs(f), label).toEqual(jobs.findSameContent(f.size, f.mtimeMs, destination, f.path));
        expect(index.uploads(f), label).toEqual(history.findSameContent(f.size, f.mtimeMs, destination));
      }
    }
    // Not vacuous: the cases above do find copies, in queue order and newest first.
    const d1 = t.store.sameContent(files, 'd1');
    expect(d1.jobs(files[0]!).map((j) => j.id)).toEqual(['legacy-same-path', 'same-dest']);
    expect(d1.uploads(files[0]!).map((u) => u.mediaId)).toEqual(['media2', 'media1']);
    expect(d1.jobs(files[3]!).map((j) => j.id)).toEqual(['near-mtime']);
    // The lookup leaves nothing behind: a second batch sees only its own keys.
    expect(t.store.sameContent([files[5]!], 'd1').jobs(files[0]!)).toEqual([]);
  });
});
