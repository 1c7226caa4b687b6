import { create } from 'zustand';
import type { JobView, QueueSnapshot, QueueTotals } from '../../shared/domain/queue';
import { applySnapshot, EMPTY_QUEUE, modelFromList, type QueueModel } from './queue-model';

interface QueueStore extends QueueModel {
  readonly loaded: boolean;
  setList(jobs: readonly JobView[], totals: QueueTotals): void;
  apply(snapshot: QueueSnapshot): void;
}

/** A read-only mirror of the engine's queue; only the IPC sync writes to it. */
export const useQueueStore = create<QueueStore>((set) => ({
  ...EMPTY_QUEUE,
  loaded: false,
  setList: (jobs, totals) =>
    set((state) => {
      const fresh = modelFromList(jobs, totals);
      // Keep the sequence number of any snapshot that already arrived, so older deltas stay ignored.
      return { ...fresh, seq: state.seq, loaded: true };
    }),
  apply: (snapshot) => set((state) => ({ ...applySnapshot(state, snapshot), loaded: true })),
}));
