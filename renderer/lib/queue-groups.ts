import type { JobState } from '../../shared/domain/job-status';
import type { JobView } from '../../shared/domain/queue';

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

const ACTIVE: ReadonlySet<JobState> = new Set(['preparing', 'uploading', 'retrying', 'verifying']);

export function summarize(jobs: Iterable<JobView>): QueueSummary {
  const s = { files: 0, bytes: 0, bytesDone: 0, bytesSettled: 0, uploaded: 0, active: 0, waiting: 0 };
  const more = { paused: 0, failed: 0, canceled: 0 };
  for (const job of jobs) {
    const state = job.status.state;
    s.files++;
    s.bytes += job.size;
    const done = state === 'done' ? job.size : Math.min(job.bytesDone, job.size);
    s.bytesDone += done;
    if (state === 'done') s.uploaded++;
    else if (ACTIVE.has(state)) s.active++;
    else if (state === 'queued') s.waiting++;
    else if (state === 'paused') more.paused++;
    else if (state === 'failed' || state === 'source-missing') more.failed++;
    else if (state === 'canceled') more.canceled++;
    const settled =
      state === 'done' || state === 'failed' || state === 'source-missing' || state === 'canceled';
    s.bytesSettled += settled ? job.size : done;
  }
  return { ...s, ...more };
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
      readonly summary: QueueSummary;
      readonly collapsed: boolean;
    }
  | { readonly type: 'job'; readonly id: string };

/**
 * The grid's rows: a header before each run of rows of one group, then the rows unless collapsed. A queue
 * of a single group (or a filtered view of one) has a header too, so its totals always show.
 */
export function buildItems(
  ids: readonly string[],
  byId: ReadonlyMap<string, JobView>,
  collapsed: ReadonlySet<string>,
): QueueItem[] {
  const items: QueueItem[] = [];
  const runs: { key: string; ids: string[]; jobs: JobView[] }[] = [];
  for (const id of ids) {
    const job = byId.get(id);
    if (!job) continue;
    const key = groupKeyOf(job);
    const last = runs.at(-1);
    if (last?.key === key) {
      last.ids.push(id);
      last.jobs.push(job);
    } else runs.push({ key, ids: [id], jobs: [job] });
  }
  for (const run of runs) {
    const first = run.jobs[0]!;
    const key = `${run.key}\u0000${first.id}`;
    const isCollapsed = collapsed.has(key);
    items.push({
      type: 'group',
      key,
      folder: topFolder(first.relativeDir),
      addedAt: first.addedAt,
      ids: run.ids,
      summary: summarize(run.jobs),
      collapsed: isCollapsed,
    });
    if (!isCollapsed) for (const job of run.jobs) items.push(jobItemOf(job));
  }
  return items;
}
