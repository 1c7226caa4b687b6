import type { JobState } from '../../shared/domain/job-status';
import type { JobView, QueueTotals } from '../../shared/domain/queue';
import type { RowChange } from '../store/queue-model';

/** What a group of rows (or the whole queue) adds up to; every state is counted somewhere. */
export interface QueueSummary {
  readonly files: number;
  readonly bytes: number;
  /** Bytes on OSS of the files still to finish, and all of the uploaded ones. */
  readonly bytesDone: number;
  /** Uploaded, failed (or missing) and canceled files count as settled: nothing more happens to them. */
  readonly bytesSettled: number;
  readonly uploaded: number;
  readonly active: number;
  readonly waiting: number;
  readonly paused: number;
  readonly failed: number;
  readonly canceled: number;
}

/** Totals of no rows: what a header shows if its totals were ever missing (buildItems records every one). */
export const EMPTY_SUMMARY: QueueSummary = {
  files: 0,
  bytes: 0,
  bytesDone: 0,
  bytesSettled: 0,
  uploaded: 0,
  active: 0,
  waiting: 0,
  paused: 0,
  failed: 0,
  canceled: 0,
};

const ACTIVE: ReadonlySet<JobState> = new Set(['preparing', 'uploading', 'retrying', 'verifying']);

export function summarize(jobs: Iterable<JobView>): QueueSummary {
  const sum = new SummaryCounter();
  for (const job of jobs) sum.add(job);
  return sum.result();
}

/** Adds rows up one at a time, so the grid's items and their group totals are built in one pass. */
class SummaryCounter {
  private files = 0;
  private bytes = 0;
  private bytesDone = 0;
  private bytesSettled = 0;
  private uploaded = 0;
  private active = 0;
  private waiting = 0;
  private paused = 0;
  private failed = 0;
  private canceled = 0;

  /** Continues from a summary already made (a group's, before some of its rows changed). */
  public static from(summary: QueueSummary): SummaryCounter {
    return Object.assign(new SummaryCounter(), summary);
  }

  /** Counts a row in (sign 1) or takes it back out (sign -1): every field is a sum over the rows. */
  public add(job: JobView, sign: 1 | -1 = 1): void {
    const state = job.status.state;
    this.files += sign;
    this.bytes += sign * job.size;
    const done = state === 'done' ? job.size : Math.min(job.bytesDone, job.size);
    this.bytesDone += sign * done;
    if (state === 'done') this.uploaded += sign;
    else if (ACTIVE.has(state)) this.active += sign;
    else if (state === 'queued') this.waiting += sign;
    else if (state === 'paused') this.paused += sign;
    else if (state === 'failed' || state === 'source-missing') this.failed += sign;
    else if (state === 'canceled') this.canceled += sign;
    const settled =
      state === 'done' || state === 'failed' || state === 'source-missing' || state === 'canceled';
    this.bytesSettled += sign * (settled ? job.size : done);
  }

  public result(): QueueSummary {
    const { files, bytes, bytesDone, bytesSettled, uploaded, active, waiting, paused, failed, canceled } =
      this;
    return { files, bytes, bytesDone, bytesSettled, uploaded, active, waiting, paused, failed, canceled };
  }
}

/**
 * summarize over every row held, remembering its last answer: a snapshot that only replaced some rows (same
 * rows held, see RowChange) is corrected by those rows' differences instead of counting 100,000 rows again.
 */
export function wholeQueueSummary(): (
  byId: ReadonlyMap<string, JobView>,
  change?: RowChange | null,
) => QueueSummary {
  let last: { byId: ReadonlyMap<string, JobView>; summary: QueueSummary } | undefined;
  return (byId, change = null) => {
    if (last?.byId === byId) return last.summary;
    let summary: QueueSummary;
    if (last && change && change.before === last.byId) {
      const sum = SummaryCounter.from(last.summary);
      for (const id of change.ids) {
        const before = change.before.get(id);
        const now = byId.get(id);
        if (before) sum.add(before, -1);
        if (now) sum.add(now);
      }
      summary = sum.result();
    } else summary = summarize(byId.values());
    last = { byId, summary };
    return summary;
  };
}

/**
 * The whole queue's summary from main's totals, while the list is still arriving page by page (the rows held
 * are not all of it yet). Bytes of canceled files are not in main's totals, and settled bytes are taken as
 * the bytes done: close enough for the few seconds until the last page is in, then `summarize` takes over.
 */
export function summaryFromTotals(totals: QueueTotals): QueueSummary {
  const n = (state: JobState) => totals.counts[state] ?? 0;
  return {
    files: totals.jobs,
    bytes: totals.bytesTotal,
    bytesDone: totals.bytesDone,
    bytesSettled: totals.bytesDone,
    uploaded: n('done'),
    active: n('preparing') + n('uploading') + n('retrying') + n('verifying'),
    waiting: n('queued'),
    paused: n('paused'),
    failed: n('failed') + n('source-missing'),
    canceled: n('canceled'),
  };
}

/** Percent of the work that is behind us: 100 once nothing is left to do, failures included. */
export function settledPercent(summary: QueueSummary): number {
  if (summary.bytes === 0) return summary.files > 0 && summary.active + summary.waiting === 0 ? 100 : 0;
  return Math.floor((summary.bytesSettled / summary.bytes) * 100);
}

/**
 * Rows added together from one dropped folder (or together as loose files) form a group: same add time,
 * same top folder. Only neighbours are grouped, so a row moved to the top gets a header of its own.
 */
export function groupKeyOf(job: JobView): string {
  let key = groupKeys.get(job);
  if (key === undefined) {
    key = `${job.addedAt}\u0000${topFolder(job.relativeDir)}`;
    groupKeys.set(job, key);
  }
  return key;
}

// Memoised per row object (the store keeps a row's object until that row changes): filtering 100,000 rows
// otherwise built 100,000 key strings and item objects on every keystroke (docs/performance.md).
const groupKeys = new WeakMap<JobView, string>();
const jobItems = new WeakMap<JobView, QueueItem>();

function jobItemOf(job: JobView): QueueItem {
  let item = jobItems.get(job);
  if (item === undefined) {
    item = { type: 'job', id: job.id };
    jobItems.set(job, item);
  }
  return item;
}

export function topFolder(relativeDir: string): string {
  const slash = relativeDir.indexOf('/');
  return slash < 0 ? relativeDir : relativeDir.slice(0, slash);
}

export type QueueItem =
  | {
      readonly type: 'group';
      readonly key: string;
      /** The dropped folder's name; '' for files dropped on their own. */
      readonly folder: string;
      readonly addedAt: number;
      readonly ids: readonly string[];
      readonly collapsed: boolean;
    }
  | { readonly type: 'job'; readonly id: string };

/** The grid's rows, and the ids the keyboard moves over (the rows of open groups), in order. */
export interface QueueItems {
  readonly items: QueueItem[];
  readonly navigable: string[];
  /**
   * Each group's totals by the group's key. Apart from the items, so rows changing state (a snapshot) give
   * new totals while the items, which depend on the order only, stay the same array.
   */
  readonly summaries: ReadonlyMap<string, QueueSummary>;
}

/**
 * The grid's rows: a header before each run of rows of one group, then the rows unless collapsed. A queue
 * of a single group (or a filtered view of one) has a header too, so its totals always show. One pass over
 * the ids (a header's place is kept and filled in when its run ends): filtering 100,000 rows rebuilds this.
 */
export function buildItems(
  ids: readonly string[],
  byId: ReadonlyMap<string, JobView>,
  collapsed: ReadonlySet<string>,
): QueueItems {
  const items: QueueItem[] = [];
  const navigable: string[] = [];
  const summaries = new Map<string, QueueSummary>();
  let runKey: string | null = null;
  let header = -1;
  let first: JobView | undefined;
  let runIds: string[] = [];
  let sum = new SummaryCounter();
  let isCollapsed = false;
  const close = () => {
    if (first === undefined) return;
    const key = `${runKey}\u0000${first.id}`;
    items[header] = {
      type: 'group',
      key,
      folder: topFolder(first.relativeDir),
      addedAt: first.addedAt,
      ids: runIds,
      collapsed: isCollapsed,
    };
    summaries.set(key, sum.result());
  };
  for (const id of ids) {
    const job = byId.get(id);
    if (!job) continue;
    const key = groupKeyOf(job);
    if (key !== runKey) {
      close();
      runKey = key;
      first = job;
      runIds = [];
      sum = new SummaryCounter();
      isCollapsed = collapsed.has(`${key}\u0000${job.id}`);
      header = items.length;
      items.push(HEADER_PLACE);
    }
    runIds.push(id);
    sum.add(job);
    if (!isCollapsed) {
      items.push(jobItemOf(job));
      navigable.push(id);
    }
  }
  close();
  return { items, navigable, summaries };
}

type WholeQueueBuild = (
  ids: readonly string[],
  byId: ReadonlyMap<string, JobView>,
  collapsed: ReadonlySet<string>,
  change?: RowChange | null,
) => QueueItems;

/**
 * buildItems for the whole queue, remembering its last answer: clearing a search or a filter shows the whole
 * queue again without building 100,000 items anew, when no row changed meanwhile. When the last snapshot
 * only changed some rows (same order: their groups cannot change, a row's group is its add time and folder),
 * the items are kept and only those rows' groups' totals are corrected, row by row: a running upload's
 * snapshots (up to 10 a second) no longer walk every row held (issue 19).
 */
export function wholeQueueItems(): WholeQueueBuild {
  let last:
    | {
        ids: readonly string[];
        byId: unknown;
        collapsed: unknown;
        built: QueueItems;
        groupOf?: Map<string, string>;
      }
    | undefined;
  return (ids, byId, collapsed, change = null) => {
    if (last?.ids === ids && last.byId === byId && last.collapsed === collapsed) return last.built;
    if (last?.ids === ids && last.collapsed === collapsed && change && change.before === last.byId) {
      last.groupOf ??= groupOfRows(last.built.items);
      const built = {
        ...last.built,
        summaries: correctSummaries(last.built.summaries, last.groupOf, change, byId),
      };
      last = { ...last, byId, built };
      return built;
    }
    const built = buildItems(ids, byId, collapsed);
    last = { ids, byId, collapsed, built };
    return built;
  };
}

/** Each row's group key, from the headers' lists of ids (built once per order, on the first snapshot). */
function groupOfRows(items: readonly QueueItem[]): Map<string, string> {
  const groupOf = new Map<string, string>();
  for (const item of items) if (item.type === 'group') for (const id of item.ids) groupOf.set(id, item.key);
  return groupOf;
}

function correctSummaries(
  summaries: ReadonlyMap<string, QueueSummary>,
  groupOf: ReadonlyMap<string, string>,
  change: RowChange,
  byId: ReadonlyMap<string, JobView>,
): ReadonlyMap<string, QueueSummary> {
  const counters = new Map<string, SummaryCounter>();
  for (const id of change.ids) {
    const key = groupOf.get(id);
    const before = change.before.get(id);
    const now = byId.get(id);
    const summary = key === undefined ? undefined : summaries.get(key);
    if (
      key === undefined ||
      summary === undefined ||
      before === undefined ||
      now === undefined ||
      before === now
    )
      continue;
    let counter = counters.get(key);
    if (!counter) {
      counter = SummaryCounter.from(summary);
      counters.set(key, counter);
    }
    counter.add(before, -1);
    counter.add(now);
  }
  if (counters.size === 0) return summaries;
  const next = new Map(summaries);
  for (const [key, counter] of counters) next.set(key, counter.result());
  return next;
}

/** Holds a header's place until its run ends (never returned: close() replaces it). */
const HEADER_PLACE: QueueItem = { type: 'job', id: '' };
