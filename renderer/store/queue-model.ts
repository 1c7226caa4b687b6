import type { JobView, QueueSnapshot, QueueTotals } from '../../shared/domain/queue';

/** The renderer's mirror of the engine's queue: rows by id plus the ids in queue order. */
export interface QueueModel {
  readonly byId: ReadonlyMap<string, JobView>;
  /** Ids sorted by position (then addedAt); rebuilt only when membership or order changes. */
  readonly order: readonly string[];
  readonly totals: QueueTotals;
  readonly seq: number;
}

export const EMPTY_TOTALS: QueueTotals = {
  jobs: 0,
  active: 0,
  bytesTotal: 0,
  bytesDone: 0,
  speed: 0,
  etaSeconds: null,
  counts: {},
};

export const EMPTY_QUEUE: QueueModel = { byId: new Map(), order: [], totals: EMPTY_TOTALS, seq: -1 };

export function modelFromList(jobs: readonly JobView[], totals: QueueTotals): QueueModel {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  return { byId, order: sortIds(byId), totals, seq: -1 };
}

/**
 * Applies one snapshot. A `full` snapshot replaces everything; otherwise changed rows are upserted and
 * removed ids dropped. A delta older than what we hold is ignored (events may race the initial list).
 */
export function applySnapshot(model: QueueModel, snapshot: QueueSnapshot): QueueModel {
  if (snapshot.full) {
    const byId = new Map(snapshot.changed.map((job) => [job.id, job]));
    return { byId, order: sortIds(byId), totals: snapshot.totals, seq: snapshot.seq };
  }
  if (snapshot.seq <= model.seq) return model;
  const byId = new Map(model.byId);
  let reorder = false;
  for (const id of snapshot.removed) {
    if (byId.delete(id)) reorder = true;
  }
  for (const job of snapshot.changed) {
    const previous = byId.get(job.id);
    if (!previous || previous.position !== job.position) reorder = true;
    byId.set(job.id, job);
  }
  return {
    byId,
    order: reorder ? sortIds(byId) : model.order,
    totals: snapshot.totals,
    seq: snapshot.seq,
  };
}

function sortIds(byId: ReadonlyMap<string, JobView>): string[] {
  return [...byId.values()]
    .sort((a, b) => a.position - b.position || a.addedAt - b.addedAt || a.id.localeCompare(b.id))
    .map((job) => job.id);
}
