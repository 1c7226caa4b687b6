import type { JobView } from '../../shared/domain/queue';

/** `queue:list`'s paging for the dev services: jobs in queue order after `after`, at most `limit`. */
export function pageOf(
  jobs: Iterable<JobView>,
  limit: number | undefined,
  after: { position: number; id: string } | undefined,
): { jobs: JobView[]; more: boolean } {
  const rest = [...jobs]
    .sort((x, y) => x.position - y.position || x.id.localeCompare(y.id))
    .filter(
      (j) => !after || j.position > after.position || (j.position === after.position && j.id > after.id),
    );
  return { jobs: rest.slice(0, limit), more: rest.length > (limit ?? rest.length) };
}
