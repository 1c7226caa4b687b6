import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/domain/job-status';
import type { JobView, QueueSnapshot } from '../../../shared/domain/queue';
import {
  buildItems,
  summarize,
  wholeQueueItems,
  wholeQueueSummary,
} from '../../../renderer/lib/queue-groups';
import { applySnapshot, EMPTY_TOTALS, modelFromList } from '../../../renderer/store/queue-model';

function job(id: string, over: Partial<JobView> & { status?: JobStatus } = {}): JobView {
  return {
    id,
    path: `/m/${id}.mp4`,
    name: `${id}.mp4`,
    relativeDir: id < 'm' ? 'Day 1' : 'Day 2',
    kind: 'video',
    size: 100,
    bytesDone: 0,
    speed: 0,
    etaSeconds: null,
    status: { state: 'queued' },
    mediaId: null,
    profileId: null,
    title: id,
    position: id.charCodeAt(0),
    addedAt: 1000,
    retryCount: 0,
    lastError: null,
    ...over,
  };
}

function delta(seq: number, changed: JobView[], removed: string[] = []): QueueSnapshot {
  return { seq, full: false, changed, removed, totals: EMPTY_TOTALS };
}

describe('a snapshot while the whole queue is shown', () => {
  it('keeps the items and corrects only the changed rows groups totals, as a full build counts them', () => {
    const build = wholeQueueItems();
    const none = new Set<string>();
    let model = modelFromList(
      ['a', 'b', 'c', 'x', 'y'].map((id) => job(id)),
      EMPTY_TOTALS,
    );
    const first = build(model.order, model.byId, none, model.changed);

    model = applySnapshot(
      model,
      delta(1, [
        job('b', { status: { state: 'uploading' }, bytesDone: 40 }),
        job('y', { status: { state: 'done', mediaId: 'm' }, bytesDone: 100 }),
      ]),
    );
    expect(model.changed?.ids).toEqual(['b', 'y']);
    const second = build(model.order, model.byId, none, model.changed);
    // The rows and the keyboard order are the same arrays (the virtualizer lays nothing out again)...
    expect(second.items).toBe(first.items);
    expect(second.navigable).toBe(first.navigable);
    // ...and the totals are what counting every row again gives.
    expect([...second.summaries]).toEqual([...buildItems(model.order, model.byId, none).summaries]);
    expect(second.summaries.get(first.items[0]?.type === 'group' ? first.items[0].key : '')).toMatchObject({
      active: 1,
      waiting: 2,
      bytesDone: 40,
    });

    // Two snapshots before the grid looks again: the first change is unknown to it, so it counts anew.
    model = applySnapshot(model, delta(2, [job('a', { status: { state: 'paused' } })]));
    model = applySnapshot(model, delta(3, [job('c', { status: { state: 'paused' } })]));
    const third = build(model.order, model.byId, none, model.changed);
    expect([...third.summaries]).toEqual([...buildItems(model.order, model.byId, none).summaries]);
    expect(third.summaries.get(first.items[0]?.type === 'group' ? first.items[0].key : '')?.paused).toBe(2);

    // A row moved (the order changed): no shortcut, items built again.
    model = applySnapshot(model, delta(4, [job('x', { position: 1 })]));
    expect(model.changed).toBeNull();
    const fourth = build(model.order, model.byId, none, model.changed);
    expect(fourth.items).not.toBe(first.items);
    expect(fourth.items.map((i) => (i.type === 'group' ? `[${i.folder}]` : i.id))).toEqual([
      '[Day 2]',
      'x',
      '[Day 1]',
      'a',
      'b',
      'c',
      '[Day 2]',
      'y',
    ]);
  });
});

describe("the totals bar's sum over every row", () => {
  it('is corrected by the rows a snapshot replaced, and equals counting every row again', () => {
    const sumAll = wholeQueueSummary();
    let model = modelFromList(
      ['a', 'b', 'c'].map((id) => job(id)),
      EMPTY_TOTALS,
    );
    expect(sumAll(model.byId, model.changed)).toEqual(summarize(model.byId.values()));
    model = applySnapshot(
      model,
      delta(1, [job('a', { status: { state: 'done', mediaId: 'm' }, bytesDone: 100 })]),
    );
    model = applySnapshot(model, delta(2, [job('b', { status: { state: 'uploading' }, bytesDone: 30 })]));
    // Seq 1 was never looked at (two snapshots in one render): counted anew; seq 3 is corrected from seq 2.
    expect(sumAll(model.byId, model.changed)).toEqual(summarize(model.byId.values()));
    model = applySnapshot(model, delta(3, [job('b', { status: { state: 'uploading' }, bytesDone: 70 })]));
    const corrected = sumAll(model.byId, model.changed);
    expect(corrected).toEqual(summarize(model.byId.values()));
    expect(corrected).toMatchObject({ uploaded: 1, active: 1, waiting: 1, bytesDone: 170 });
  });
});
