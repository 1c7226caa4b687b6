import { describe, expect, it } from 'vitest';
import type { JobView, QueueTotals } from '../../../shared/domain/queue';
import type { JobStore } from '../../../electron/core/engine/ports';
import { ProgressTracker } from '../../../electron/core/engine/progress-tracker';

const MB = 1_000_000;

/** A store with one moving 100 MB job and nine queued ones of 100 MB: 1 GB of work in all. */
function storeWith(queued: number) {
  let confirmed = 0;
  const store = {
    views: (ids: readonly string[] | 'all') =>
      (ids === 'all' ? ['a'] : ids).map((id) => ({ id }) as unknown as JobView),
    totals: (): QueueTotals => ({
      jobs: queued + 1,
      active: 1,
      bytesTotal: (queued + 1) * 100 * MB,
      bytesDone: confirmed,
      speed: 0,
      etaSeconds: null,
      counts: { uploading: 1, queued },
    }),
    remainingBytes: () => (queued + 1) * 100 * MB - confirmed,
  } as unknown as JobStore;
  return { store, confirm: (bytes: number) => (confirmed += bytes) };
}

describe('ProgressTracker totals', () => {
  it('gives an overall ETA for all the work left, queued files included', () => {
    let now = 0;
    const { store, confirm } = storeWith(9);
    const tracker = new ProgressTracker(store, 100, () => now);
    tracker.onSnapshot(() => undefined);
    tracker.begin('a', 0, 100 * MB);
    let last: QueueTotals | undefined;
    // 10 MB/s for 20 s, in 1 MB parts.
    for (let step = 1; step <= 200; step++) {
      now = step * 100;
      tracker.addInFlight('a', MB);
      tracker.confirmPart('a', MB, MB);
      confirm(MB);
      last = tracker.flush()?.totals ?? last;
    }
    expect(last!.speed).toBeGreaterThan(9 * MB);
    expect(last!.speed).toBeLessThan(11 * MB);
    // 800 MB left at 10 MB/s: about 80 s, not the ~0 s the moving file alone would give.
    expect(last!.etaSeconds).not.toBeNull();
    expect(last!.etaSeconds!).toBeGreaterThan(70);
    expect(last!.etaSeconds!).toBeLessThan(90);
  });

  it('does not dip the overall speed when a file finishes and the next starts', () => {
    let now = 0;
    const { store, confirm } = storeWith(1);
    const tracker = new ProgressTracker(store, 100, () => now);
    tracker.onSnapshot(() => undefined);
    tracker.begin('a', 0, 100 * MB);
    const speeds: number[] = [];
    for (let step = 1; step <= 200; step++) {
      now = step * 100;
      if (step === 101) {
        tracker.end('a');
        tracker.begin('b', 0, 100 * MB);
      }
      const id = step <= 100 ? 'a' : 'b';
      tracker.addInFlight(id, MB);
      tracker.confirmPart(id, MB, MB);
      confirm(MB);
      const totals = tracker.flush()?.totals;
      if (totals && step > 60) speeds.push(totals.speed);
    }
    // At a steady 10 MB/s the smoothed speed only ever rises towards it; the switch must not pull it down.
    speeds.forEach((speed, i) => {
      if (i > 0) expect(speed).toBeGreaterThanOrEqual(speeds[i - 1]! - 1);
    });
    expect(speeds.at(-1)!).toBeGreaterThan(9.9 * MB);
  });
});

describe('ProgressTracker full snapshots', () => {
  function countingStore() {
    const reads = { all: 0 };
    const store = {
      views: (ids: readonly string[] | 'all') => {
        if (ids === 'all') reads.all++;
        return (ids === 'all' ? ['a', 'b'] : ids).map((id) => ({ id }) as unknown as JobView);
      },
      totals: (): QueueTotals => ({
        jobs: 2,
        active: 0,
        bytesTotal: 0,
        bytesDone: 0,
        speed: 0,
        etaSeconds: null,
        counts: { queued: 2 },
      }),
      remainingBytes: () => 0,
    } as unknown as JobStore;
    return { store, reads };
  }

  it('never reads every row at start: clients list the queue themselves, a page at a time', () => {
    const { store, reads } = countingStore();
    const tracker = new ProgressTracker(store, 100, () => 0);
    const seen: boolean[] = [];
    tracker.onSnapshot((s) => seen.push(s.full));
    expect(tracker.flush()).toBeUndefined();
    tracker.markChanged(['b']);
    expect(tracker.flush()?.changed.map((j) => j.id)).toEqual(['b']);
    expect(seen).toEqual([false]);
    expect(reads.all).toBe(0);
  });

  it('reads every row only for a listener: a full snapshot asked for with nobody listening waits for one', () => {
    const { store, reads } = countingStore();
    const tracker = new ProgressTracker(store, 100, () => 0);
    tracker.requestFull();
    expect(tracker.flush()).toBeUndefined();
    expect(reads.all).toBe(0);
    tracker.onSnapshot(() => undefined);
    const snapshot = tracker.flush();
    expect(snapshot?.full).toBe(true);
    expect(snapshot?.changed.map((j) => j.id)).toEqual(['a', 'b']);
    expect(reads.all).toBe(1);
  });
});
