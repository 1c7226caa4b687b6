import type { JobView, QueueSnapshot, QueueTotals } from '../../shared/domain/queue';

/** The renderer's mirror of the engine's queue: rows by id plus the ids in queue order. */
export interface QueueModel {
  readonly byId: ReadonlyMap<string, JobView>;
  /** Ids sorted by position (then addedAt); rebuilt only when membership or order changes. */
  readonly order: readonly string[];
  readonly totals: QueueTotals;
  readonly seq: number;
  /** What the last change was, when it only replaced some rows (order unchanged); null otherwise. */
  readonly changed: RowChange | null;
}

/** Rows replaced by a snapshot: `byId` as it was before, and the ids it replaced. */
export interface RowChange {
  readonly before: ReadonlyMap<string, JobView>;
  readonly ids: readonly string[];
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

export const EMPTY_QUEUE: QueueModel = {
  byId: new Map(),
  order: [],
  totals: EMPTY_TOTALS,
  seq: -1,
  changed: null,
};

export function modelFromList(jobs: readonly JobView[], totals: QueueTotals): QueueModel {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  return { byId, order: sortIds(byId), totals, seq: -1, changed: null };
}

/**
 * Adds the next page of the list (queue:list after the last row). Its rows are as fresh as the answer, so
 * they replace what an earlier snapshot said. A page follows the rows already held, so the order is only
 * extended; a row a snapshot already brought (moved or new meanwhile) makes it sort again.
 */
export function appendPage(model: QueueModel, jobs: readonly JobView[], totals: QueueTotals): QueueModel {
  const byId = new Map(model.byId);
  const lastId = model.order.at(-1);
  const last = lastId === undefined ? undefined : byId.get(lastId);
  let extend = true;
  for (const job of jobs) {
    if (byId.has(job.id)) extend = false;
    byId.set(job.id, job);
  }
  const first = jobs[0];
  if (first !== undefined && last !== undefined && compareJobs(last, first) > 0) extend = false;
  const order = extend ? [...model.order, ...jobs.map((job) => job.id)] : sortIds(byId);
  return { byId, order, totals, seq: model.seq, changed: null };
}

/**
 * Applies one snapshot. A `full` snapshot replaces everything; otherwise changed rows are upserted and
 * removed ids dropped. A delta older than what we hold is ignored (events may race the initial list).
 */
export function applySnapshot(model: QueueModel, snapshot: QueueSnapshot): QueueModel {
  if (snapshot.full) {
    const byId = new Map(snapshot.changed.map((job) => [job.id, job]));
    return { byId, order: sortIds(byId), totals: snapshot.totals, seq: snapshot.seq, changed: null };
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
    changed: reorder ? null : { before: model.byId, ids: snapshot.changed.map((job) => job.id) },
  };
}

function compareJobs(a: JobView, b: JobView): number {
  return a.position - b.position || a.addedAt - b.addedAt || a.id.localeCompare(b.id);
}

function sortIds(byId: ReadonlyMap<string, JobView>): string[] {
  return [...byId.values()].sort(compareJobs).map((job) => job.id);
}
