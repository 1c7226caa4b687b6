import type pg from 'pg';
import { AppError } from '../base/app-error';
import { TEAM_QUEUE_CHANNEL } from './team-queue';

/**
 * Retry, cancel and remove on the team queue (`vod-upload retry|cancel|remove --queue`), from any machine:
 * they only change rows. What a cancel leaves in VOD (a media, an open multipart upload) is removed by a
 * worker for the job's place — the one holding it, told at once by NOTIFY, or any worker when none holds it —
 * which signs with its own credentials; this machine needs none. See docs/team.md.
 */
export interface TeamTarget {
  readonly id: string;
  readonly path: string;
  readonly state: string;
}

/**
 * The jobs named by id or by path (as queued, or as `asPath` makes it: relative to the working folder); a
 * name matching none is an error, and nothing changes.
 */
export async function findTeamJobs(
  pool: pg.Pool,
  names: readonly string[],
  asPath: (name: string) => string = (n) => n,
): Promise<TeamTarget[]> {
  const paths = [...names, ...names.map(asPath)];
  const rows = await pool.query<TeamTarget>(
    'SELECT id, path, state FROM team_jobs WHERE id = ANY ($1) OR path = ANY ($2) ORDER BY position',
    [names, paths],
  );
  const unknown = names.filter(
    (n) => !rows.rows.some((r) => r.id === n || r.path === n || r.path === asPath(n)),
  );
  if (unknown.length > 0) {
    throw new AppError(
      'JOB_NOT_FOUND',
      `No job on the team queue for ${unknown.map((n) => `"${n}"`).join(', ')}. Name a job by its path as queued or its id (\`vod-upload status --queue … --json\`).`,
    );
  }
  return rows.rows;
}

/**
 * Failed jobs go back to the queue (their media, upload and parts are reused, as in the local queue); so do
 * queued jobs some workers could not see (the list is cleared: a remounted share is tried again). With no
 * ids, every such job. Returns the ids queued again.
 */
export async function retryTeamJobs(pool: pg.Pool, ids: readonly string[] | null): Promise<string[]> {
  const result = await pool.query<{ id: string }>(
    `UPDATE team_jobs SET state = 'queued', last_error = NULL, finished_at = NULL, unseen_by = '{}'
     WHERE ($1::text[] IS NULL OR id = ANY ($1::text[]))
       AND (state = 'failed' OR (state = 'queued' AND cardinality(unseen_by) > 0))
     RETURNING id`,
    [ids],
  );
  if (result.rows.length > 0) await pool.query(`SELECT pg_notify($1, '')`, [TEAM_QUEUE_CHANNEL]);
  return result.rows.map((r) => r.id);
}

export interface CancelOutcome {
  /** Canceled at once: nothing of theirs in VOD. */
  readonly canceled: string[];
  /** Waiting for a worker to remove their media and upload (the holder, or any worker for their place). */
  readonly canceling: string[];
  /** Rows removed (`remove`). */
  readonly removed: string[];
}

/**
 * Cancels unfinished jobs (queued, claimed, failed). A job with nothing in VOD is canceled at once (with
 * `remove`, its row goes); a claimed one, or one with a media, becomes `canceling`: the worker holding it
 * keeps its lease and cleans up; one no worker holds waits for any worker of its place. With `remove`, done
 * and canceled jobs' rows go too (the team history keeps the done ones). `keepRemote` (cancel --keep-remote):
 * canceled at once, nothing removed in VOD.
 */
export async function cancelTeamJobs(
  pool: pg.Pool,
  ids: readonly string[],
  options: { remove: boolean; keepRemote?: boolean },
): Promise<CancelOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // With keepRemote nothing is cleaned up: the job is canceled at once and its holder, finding its lease
    // gone, stops it and leaves its media alone.
    const cleanup = `NOT $3 AND (state = 'claimed' OR media_id IS NOT NULL)`;
    const changed = await client.query<{ id: string; state: string }>(
      `UPDATE team_jobs
       SET state = CASE WHEN ${cleanup} THEN 'canceling' ELSE 'canceled' END,
           lease_owner = CASE WHEN ${cleanup} THEN lease_owner END,
           lease_until = CASE WHEN ${cleanup} THEN lease_until END,
           remove_when_canceled = $2, finished_at = now()
       WHERE id = ANY ($1) AND state IN ('queued', 'claimed', 'failed')
       RETURNING id, state`,
      [ids, options.remove, options.keepRemote === true],
    );
    let removed: string[] = [];
    if (options.remove) {
      const gone = await client.query<{ id: string }>(
        `DELETE FROM team_jobs WHERE id = ANY ($1) AND state IN ('done', 'canceled') RETURNING id`,
        [ids],
      );
      removed = gone.rows.map((r) => r.id);
    }
    await client.query(`SELECT pg_notify($1, '')`, [TEAM_QUEUE_CHANNEL]);
    await client.query('COMMIT');
    const canceling = changed.rows.filter((r) => r.state === 'canceling').map((r) => r.id);
    return {
      canceled: changed.rows
        .filter((r) => r.state === 'canceled' && !removed.includes(r.id))
        .map((r) => r.id),
      canceling,
      removed,
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
