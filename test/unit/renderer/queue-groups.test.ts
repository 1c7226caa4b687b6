import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/domain/job-status';
import type { JobView } from '../../../shared/domain/queue';
import { buildItems, settledPercent, summarize } from '../../../renderer/lib/queue-groups';

function job(id: string, over: Partial<JobView> & { status?: JobStatus } = {}): JobView {
  return {
    id,
    path: `/m/${id}.mp4`,
    name: `${id}.mp4`,
    relativeDir: 'Day 1',
    kind: 'video',
    size: 100,
    bytesDone: 0,
    speed: 0,
    etaSeconds: null,
    status: { state: 'queued' },
    mediaId: null,
    profileId: null,
    title: id,
    position: 1,
    addedAt: 1000,
    retryCount: 0,
    lastError: null,
    ...over,
  };
}

describe('queue groups and totals', () => {
  it('counts every state and reaches 100% when only failures are left', () => {
    const jobs = [
      job('a', { status: { state: 'done', mediaId: 'm' }, bytesDone: 100 }),
      job('b', { status: { state: 'failed', error: { code: 'X', message: 'no' } }, bytesDone: 30 }),
      job('c', { status: { state: 'canceled' } }),
    ];
    const s = summarize(jobs);
    expect(s).toMatchObject({ files: 3, uploaded: 1, failed: 1, canceled: 1, bytesDone: 130, bytes: 300 });
    expect(settledPercent(s)).toBe(100);
    const paused = summarize([...jobs, job('d', { status: { state: 'paused' }, bytesDone: 50 })]);
    expect(paused.paused).toBe(1);
    expect(settledPercent(paused)).toBe(87);
  });

  it('groups neighbours by add time and top folder, and hides collapsed groups rows', () => {
    const byId = new Map(
      [
        job('a', { relativeDir: 'Day 1/Card A' }),
        job('b', { relativeDir: 'Day 1/Card B' }),
        job('c', { relativeDir: 'Day 2', addedAt: 2000 }),
        job('d', { relativeDir: '', addedAt: 2000 }),
      ].map((j) => [j.id, j]),
    );
    const { items, navigable } = buildItems(['a', 'b', 'c', 'd'], byId, new Set());
    expect(navigable).toEqual(['a', 'b', 'c', 'd']);
    expect(items.map((i) => (i.type === 'group' ? `[${i.folder}:${i.ids.length}]` : i.id))).toEqual([
      '[Day 1:2]',
      'a',
      'b',
      '[Day 2:1]',
      'c',
      '[:1]',
      'd',
    ]);
    const firstKey = (items[0] as { key: string }).key;
    const collapsed = buildItems(['a', 'b', 'c', 'd'], byId, new Set([firstKey]));
    expect(collapsed.items.filter((i) => i.type === 'job').map((i) => (i as { id: string }).id)).toEqual([
      'c',
      'd',
    ]);
    // A collapsed group's rows are out of the keyboard's reach, and its header still counts them.
    expect(collapsed.navigable).toEqual(['c', 'd']);
    expect(collapsed.items[0]).toMatchObject({ type: 'group', collapsed: true, ids: ['a', 'b'] });
    expect(collapsed.summaries.get(firstKey)?.files).toBe(2);
  });
});

describe('row actions', () => {
  it('offers Retry only where it can succeed, and Upload again after the file changed', async () => {
    const { canRetry, primaryAction, stopAction } = await import('../../../renderer/lib/row-actions');
    const failed = (code: string) => job('x', { status: { state: 'failed', error: { code, message: 'm' } } });
    expect(primaryAction(failed('RequestTimeout'))).toBe('retry');
    expect(canRetry(failed('SourceChanged'))).toBe(false);
    expect(primaryAction(failed('SourceChanged'))).toBe('upload-again');
    expect(primaryAction(job('c', { status: { state: 'canceled' } }))).toBeNull();
    expect(stopAction(job('c', { status: { state: 'canceled' } }))).toBe('remove');
    expect(primaryAction(job('u', { status: { state: 'uploading' } }))).toBe('pause');
    expect(stopAction(job('u', { status: { state: 'uploading' } }))).toBe('cancel');
    expect(primaryAction(job('p', { status: { state: 'paused' } }))).toBe('resume');
  });
});

describe('queue filter', () => {
  it('filters by state and by name (any case), in queue order; a match of every row is the same list', async () => {
    const { filterQueue } = await import('../../../renderer/lib/queue-filter');
    const byId = new Map(
      [
        job('a', { name: 'Clip-01.mp4' }),
        job('b', { name: 'clip-02.MP4', status: { state: 'paused' } }),
        job('c', { name: 'other.mov' }),
      ].map((j) => [j.id, j]),
    );
    const order = ['a', 'b', 'c'];
    expect(filterQueue(order, byId, 'all', '')).toBe(order);
    expect(filterQueue(order, byId, 'all', ' CLIP ')).toEqual(['a', 'b']);
    expect(filterQueue(order, byId, 'paused', 'clip')).toEqual(['b']);
    expect(filterQueue(order, byId, 'queued', '')).toEqual(['a', 'c']);
    expect(filterQueue(order, byId, 'all', 'mp')).toEqual(['a', 'b']);
    expect(filterQueue(order, byId, 'all', '.')).toBe(order);
    expect(filterQueue(order, byId, 'failed', '')).toEqual([]);
  });
});

describe('queue filter as a search is typed', () => {
  it('a longer search narrows what the shorter one matched, and a changed row or filter is looked at anew', async () => {
    const { filterQueue } = await import('../../../renderer/lib/queue-filter');
    const rows = [
      job('a', { name: 'clip-01.mp4' }),
      job('b', { name: 'clip-02.mp4', status: { state: 'paused' } }),
      job('c', { name: 'clap-03.mp4' }),
    ];
    let byId = new Map(rows.map((j) => [j.id, j]));
    const order = ['a', 'b', 'c'];
    expect(filterQueue(order, byId, 'all', 'cl')).toBe(order);
    expect(filterQueue(order, byId, 'all', 'cli')).toEqual(['a', 'b']);
    expect(filterQueue(order, byId, 'all', 'clip-02')).toEqual(['b']);
    // Erased back: the rows the longer search left out are found again.
    expect(filterQueue(order, byId, 'all', 'cl')).toBe(order);
    expect(filterQueue(order, byId, 'queued', 'cl')).toEqual(['a', 'c']);
    expect(filterQueue(order, byId, 'queued', 'cla')).toEqual(['c']);
    // A snapshot renamed a row (a new Map of rows): the next keystroke sees it, not the earlier answer.
    byId = new Map(byId);
    byId.set('a', job('a', { name: 'clap-01.mp4' }));
    expect(filterQueue(order, byId, 'queued', 'clap')).toEqual(['a', 'c']);
    expect(filterQueue(order, byId, 'paused', 'clap')).toEqual([]);
    expect(filterQueue(order, byId, 'paused', 'clip')).toEqual(['b']);
  });
});
