import type { JobView } from '../../shared/domain/queue';
import type { StatusFilter } from '../store/ui-store';

// Lower-cased once per row object (the store keeps a row's object until that row changes), not once per row
// per keystroke: a search over 100,000 rows otherwise made 100,000 new strings per key (issue 19).
const lowerNames = new WeakMap<JobView, string>();

function lowerName(job: JobView): string {
  let name = lowerNames.get(job);
  if (name === undefined) {
    name = job.name.toLowerCase();
    lowerNames.set(job, name);
  }
  return name;
}

/**
 * The ids the grid shows for a status filter and a name search, in queue order. When every row matches (no
 * filter, or a search as wide as the queue, as while its first letters are typed) the answer is `order`
 * itself, so nothing built from it (groups, row offsets) is built again.
 */
export function filterQueue(
  order: readonly string[],
  byId: ReadonlyMap<string, JobView>,
  filter: StatusFilter,
  search: string,
): readonly string[] {
  const needle = search.trim().toLowerCase();
  if (filter === 'all' && !needle) return order;
  const out: string[] = [];
  for (const id of order) {
    const job = byId.get(id);
    if (!job) continue;
    if (filter !== 'all' && job.status.state !== filter) continue;
    if (needle && !lowerName(job).includes(needle)) continue;
    out.push(id);
  }
  return out.length === order.length ? order : out;
}
