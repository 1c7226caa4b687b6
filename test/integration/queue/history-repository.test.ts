import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../electron/core/queue/history-repository';
import { openTempStore } from './temp-db';

const opened: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.cleanup();
});

function entry(i: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `h${i}`,
    mediaId: `media${String(i).padStart(6, '0')}`,
    kind: 'video',
    businessType: null,
    title: `Title ${i}`,
    path: `/m/clip${i}.mov`,
    relativeDir: 'm',
    name: `clip${i}.mov`,
    size: i,
    mtimeMs: 1000 + i,
    fingerprint: null,
    profileId: 'p',
    profileName: 'Studio',
    addedAt: i,
    finishedAt: 10_000 + i,
    vodStatus: null,
    crc64: null,
    destination: 'd1',
    destinationLabel: 'profile "Studio" (cn-shanghai)',
    tags: [],
    ...over,
  };
}

describe('history repository', () => {
  it('searches name, title and media id, newest first, with paging and a total', () => {
    const t = openTempStore();
    opened.push(t);
    const h = t.store.history;
    for (let i = 1; i <= 30; i++) h.insert(entry(i));
    h.insert(entry(31, { title: '发布会 第一天', name: '采访_A.mov', path: '/m/采访_A.mov' }));
    h.insert(entry(32, { title: '100% done_ok', name: 'x.mov', path: '/m/x.mov' }));

    expect(h.list({ query: '第一天' }).rows.map((r) => r.id)).toEqual(['h31']);
    expect(h.list({ query: '采访' }).rows.map((r) => r.id)).toEqual(['h31']);
    expect(h.list({ query: 'MEDIA000007' }).rows.map((r) => r.id)).toEqual(['h7']);
    // % and _ are literal characters, not wildcards.
    expect(h.list({ query: '100%' }).rows.map((r) => r.id)).toEqual(['h32']);
    expect(h.list({ query: 'e_o' }).rows.map((r) => r.id)).toEqual(['h32']);
    expect(h.list({ query: '0%d' }).total).toBe(0);

    const page = h.list({ query: 'clip', limit: 5, offset: 5 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.id)).toEqual(['h25', 'h24', 'h23', 'h22', 'h21']);
    expect(h.list({ query: '  ' }).total).toBe(32);
  });

  it('finds uploads by the folder they came from (the search box matches paths), with their relative path', () => {
    const t = openTempStore();
    opened.push(t);
    const h = t.store.history;
    h.insert(
      entry(1, { path: '/cards/Day 1/Card A/A001.mov', relativeDir: 'Day 1/Card A', name: 'A001.mov' }),
    );
    h.insert(entry(2, { path: '/cards/Day 2/A001.mov', relativeDir: 'Day 2', name: 'A001.mov' }));
    const found = h.list({ query: 'Day 1' }).rows;
    expect(found.map((r) => r.id)).toEqual(['h1']);
    expect(found[0]).toMatchObject({ relativeDir: 'Day 1/Card A', duration: null, coverUrl: null });
    h.setVodStatus(found[0]!.mediaId, 'Normal', {
      duration: 42.5,
      coverUrl: 'https://cdn.example.com/c.jpg',
    });
    h.setVodStatus(found[0]!.mediaId, 'Normal');
    expect(h.list({ query: 'Card A' }).rows[0]).toMatchObject({
      vodStatus: 'Normal',
      duration: 42.5,
      coverUrl: 'https://cdn.example.com/c.jpg',
    });
  });

  it('finds uploads by a whole tag (--tag) or by part of a tag in the search text, and returns the tags', () => {
    const t = openTempStore();
    opened.push(t);
    const h = t.store.history;
    h.insert(entry(1, { tags: ['Day1', '城市'] }));
    h.insert(entry(2, { tags: ['day10'] }));
    h.insert(entry(3));

    expect(h.list({ tag: 'day1' }).rows.map((r) => r.id)).toEqual(['h1']);
    expect(h.list({ tag: '城市' }).rows.map((r) => r.id)).toEqual(['h1']);
    expect(h.list({ tag: 'day' }).total).toBe(0);
    expect(h.list({ query: 'day1' }).rows.map((r) => r.id)).toEqual(['h2', 'h1']);
    expect(h.list({ query: 'clip', tag: 'day10' }).rows.map((r) => r.id)).toEqual(['h2']);
    expect(h.listForExport({ tag: 'DAY1' }).map((r) => r.tags)).toEqual([['Day1', '城市']]);
    expect(h.list({ query: 'clip3' }).rows[0]?.tags).toEqual([]);
  });

  it('finds an earlier upload of the same file, and exports by query or ids', () => {
    const t = openTempStore();
    opened.push(t);
    const h = t.store.history;
    h.insert(entry(1));
    h.insert(entry(2));
    expect(h.findSameContent(1, 1001, 'd1')).toEqual([
      {
        mediaId: 'media000001',
        kind: 'video',
        path: '/m/clip1.mov',
        fingerprint: null,
        finishedAt: 10_001,
        destinationLabel: 'profile "Studio" (cn-shanghai)',
      },
    ]);
    // Another mtime, or another destination: not the same upload.
    expect(h.findSameContent(1, 1002, 'd1')).toEqual([]);
    expect(h.findSameContent(1, 1001, 'd2')).toEqual([]);
    expect(h.listForExport({ ids: ['h1'] }).map((r) => r.id)).toEqual(['h1']);
    expect(h.listForExport({ query: 'clip' }).map((r) => r.id)).toEqual(['h2', 'h1']);
    h.setVodStatus('media000002', 'Normal');
    expect(h.list({ query: 'clip2' }).rows[0]?.vodStatus).toBe('Normal');
  });

  it('measures LIKE search at 100,000 rows (printed, not asserted)', () => {
    const t = openTempStore();
    opened.push(t);
    const h = t.store.history;
    const insertAll = t.database.db.transaction(() => {
      for (let i = 1; i <= 100_000; i++)
        h.insert(entry(i, { title: i % 1000 === 0 ? `采访 ${i}` : `Title ${i}` }));
    });
    let start = performance.now();
    insertAll();
    const insertMs = performance.now() - start;
    start = performance.now();
    const hit = h.list({ query: '采访', limit: 50 });
    const searchMs = performance.now() - start;
    start = performance.now();
    const firstPage = h.list({ limit: 500 });
    const pageMs = performance.now() - start;
    console.log(
      `history 100k: insert ${insertMs.toFixed(0)} ms, LIKE search ${searchMs.toFixed(1)} ms (${hit.total} hits), first page of 500 ${pageMs.toFixed(1)} ms`,
    );
    expect(hit.total).toBe(100);
    expect(firstPage.rows).toHaveLength(500);
    expect(firstPage.total).toBe(100_000);
  });
});
