import { create } from 'zustand';
import type { JobView, QueueSnapshot, QueueTotals } from '../../shared/domain/queue';
import { appendPage, applySnapshot, EMPTY_QUEUE, modelFromList, type QueueModel } from './queue-model';

interface QueueStore extends QueueModel {
  /** The first page of the list arrived. */
  readonly loaded: boolean;
  /** Every page arrived: the rows held are the whole queue (snapshots keep it so). */
  readonly complete: boolean;
  /** The first page (or the whole list), and whether more pages follow. */
  setList(jobs: readonly JobView[], totals: QueueTotals, more?: boolean): void;
  /** The next page of the list. */
  appendPage(jobs: readonly JobView[], totals: QueueTotals, more: boolean): void;
  apply(snapshot: QueueSnapshot): void;
}

/** A read-only mirror of the engine's queue; only the IPC sync writes to it. */
export const useQueueStore = create<QueueStore>((set) => ({
  ...EMPTY_QUEUE,
  loaded: false,
  complete: false,
  setList: (jobs, totals, more = false) =>
    set((state) => {
      const fresh = modelFromList(jobs, totals);
      // Keep the sequence number of any snapshot that already arrived, so older deltas stay ignored.
      return { ...fresh, seq: state.seq, loaded: true, complete: !more };
    }),
  appendPage: (jobs, totals, more) =>
    set((state) => ({ ...appendPage(state, jobs, totals), complete: !more })),
  apply: (snapshot) =>
    set((state) => ({
      ...applySnapshot(state, snapshot),
      loaded: true,
      complete: snapshot.full || state.complete,
    })),
}));
