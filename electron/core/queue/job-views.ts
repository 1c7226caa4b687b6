import type { JobView } from '../../../shared/domain/queue';
import type { SqliteDatabase } from '../base/sqlite';
import { JOB_VIEW_COLUMNS, viewFromRecord, type JobViewRecord } from './job-row';

/** Where a page of the queue starts: after this job in queue order (position, then id). */
export interface QueueCursor {
  readonly position: number;
  readonly id: string;
}

export interface JobViewPage {
  readonly jobs: JobView[];
  /** More rows follow the last one. */
  readonly more: boolean;
}

/**
 * The queue as the renderer shows it, a page at a time, reading only the columns a view has. Pages are keyed
 * by the last row's (position, id), not an offset, so rows removed or moved while a client pages through
 * do not shift later pages (a moved or new row reaches the client in a snapshot anyway). Restoring a queue of
 * 100,000 jobs read, parsed, validated and sent every row before the first one showed (15.9 s at load 16–27,
 * issue 19): the first page is what the window needs to show something.
 */
export function createJobViews(db: SqliteDatabase) {
  const select = `SELECT ${JOB_VIEW_COLUMNS} FROM jobs`;
  const stmt = {
    all: db.prepare<[], JobViewRecord>(`${select} ORDER BY position, id`),
    first: db.prepare<[number], JobViewRecord>(`${select} ORDER BY position, id LIMIT ?`),
    byIds: db.prepare<[string], JobViewRecord>(`${select} WHERE id IN (SELECT value FROM json_each(?))`),
    after: db.prepare<{ position: number; id: string; limit: number }, JobViewRecord>(
      `${select} WHERE position > @position OR (position = @position AND id > @id)
       ORDER BY position, id LIMIT @limit`,
    ),
  };
  return {
    /** Every job in queue order. */
    all(): JobView[] {
      return stmt.all.all().map(viewFromRecord);
    },
    /** These jobs (unknown ids left out), in no particular order: a snapshot's changed rows, in one query. */
    byIds(ids: readonly string[]): JobView[] {
      return ids.length === 0 ? [] : stmt.byIds.all(JSON.stringify(ids)).map(viewFromRecord);
    },
    /** Up to `limit` jobs after `after` (from the top without it). */
    page(limit: number, after?: QueueCursor): JobViewPage {
      // One row more than asked says whether another page follows, without a count.
      const rows = after
        ? stmt.after.all({ position: after.position, id: after.id, limit: limit + 1 })
        : stmt.first.all(limit + 1);
      const more = rows.length > limit;
      return { jobs: (more ? rows.slice(0, limit) : rows).map(viewFromRecord), more };
    },
  };
}

export type JobViews = ReturnType<typeof createJobViews>;
