import { describe, expect, it } from 'vitest';
import type { JobView, QueueSnapshot } from '../../../shared/domain/queue';
import {
  appendPage,
  applySnapshot,
  EMPTY_QUEUE,
  EMPTY_TOTALS,
  modelFromList,
} from '../../../renderer/store/queue-model';

function job(id: string, position: number, patch: Partial<JobView> = {}): JobView {
  return {
    id,
    path: `/m/${id}.mp4`,
    name: `${id}.mp4`,
    relativeDir: '',
    kind: 'video',
    size: 100,
    bytesDone: 0,
    speed: 0,
    etaSeconds: null,
    status: { state: 'queued' },
    mediaId: null,
    profileId: null,
    title: id,
    position,
    addedAt: 1,
    retryCount: 0,
    lastError: null,
    ...patch,
  };
}

function snap(seq: number, changed: JobView[], removed: string[] = [], full = false): QueueSnapshot {
  return { seq, full, totals: { ...EMPTY_TOTALS, jobs: changed.length }, changed, removed };
}

describe('queue model', () => {
  it('orders the initial list by position', () => {
    const model = modelFromList([job('b', 2), job('a', 1), job('c', 3)], EMPTY_TOTALS);
    expect(model.order).toEqual(['a', 'b', 'c']);
  });

  it('upserts changed rows and drops removed ids', () => {
    let model = modelFromList([job('a', 1), job('b', 2)], EMPTY_TOTALS);
    model = applySnapshot(model, snap(1, [job('a', 1, { bytesDone: 50 }), job('c', 3)], ['b']));
    expect(model.order).toEqual(['a', 'c']);
    expect(model.byId.get('a')?.bytesDone).toBe(50);
    expect(model.byId.has('b')).toBe(false);
  });

  it('keeps the order array when only progress changed (no re-sort per tick)', () => {
    const first = applySnapshot(modelFromList([job('a', 1), job('b', 2)], EMPTY_TOTALS), snap(1, []));
    const second = applySnapshot(first, snap(2, [job('b', 2, { bytesDone: 10 })]));
    expect(second.order).toBe(first.order);
  });

  it('re-sorts when a position changes (move to top)', () => {
    const model = applySnapshot(
      modelFromList([job('a', 1), job('b', 2)], EMPTY_TOTALS),
      snap(1, [job('b', 0)]),
    );
    expect(model.order).toEqual(['b', 'a']);
  });

  it('ignores a delta older than what it holds', () => {
    const model = applySnapshot(EMPTY_QUEUE, snap(5, [job('a', 1, { bytesDone: 90 })]));
    const stale = applySnapshot(model, snap(4, [job('a', 1, { bytesDone: 10 })]));
    expect(stale.byId.get('a')?.bytesDone).toBe(90);
  });

  it('lets a full snapshot replace everything, whatever its seq', () => {
    const model = applySnapshot(EMPTY_QUEUE, snap(9, [job('a', 1), job('b', 2)]));
    const reset = applySnapshot(model, snap(0, [job('z', 1)], [], true));
    expect(reset.order).toEqual(['z']);
    expect(reset.seq).toBe(0);
  });

  it('adds the list page by page: later pages extend the order, fresher rows replace older ones', () => {
    let model = modelFromList([job('a', 1), job('b', 2)], EMPTY_TOTALS);
    const firstOrder = model.order;
    model = appendPage(model, [job('c', 3), job('d', 4)], { ...EMPTY_TOTALS, jobs: 4 });
    expect(model.order).toEqual(['a', 'b', 'c', 'd']);
    expect(firstOrder).toEqual(['a', 'b']);
    expect(model.totals.jobs).toBe(4);
    // A snapshot brought row f (moved to the top meanwhile, position 0) before its page: the page's copy
    // replaces it (the answer is fresher) and the order is sorted again, not just extended.
    model = applySnapshot(model, snap(5, [job('f', 0, { status: { state: 'paused' } })]));
    expect(model.order).toEqual(['f', 'a', 'b', 'c', 'd']);
    model = appendPage(model, [job('e', 5), job('f', 0)], EMPTY_TOTALS);
    expect(model.order).toEqual(['f', 'a', 'b', 'c', 'd', 'e']);
    expect(model.byId.get('f')?.status.state).toBe('queued');
    expect(model.seq).toBe(5);
  });
});
