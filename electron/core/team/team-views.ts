import type pg from 'pg';
import type { MediaKind } from '../../../shared/domain/media-kind';

// The read side of the team queue, for `status --queue` and `history --queue`: what every worker sees.

export interface TeamJobSummary {
  readonly id: string;
  readonly state: 'queued' | 'claimed' | 'done' | 'failed' | 'canceling' | 'canceled';
  readonly path: string;
  readonly size: number;
  /** Bytes on record in parts (a claimed job's progress as the team sees it). */
  readonly bytesDone: number;
  readonly leaseOwner: string | null;
  readonly mediaId: string | null;
  readonly attempts: number;
  /** Workers that could not see the file (other mounts): the job waits for one that can. */
  readonly unseenBy: readonly string[];
  readonly lastError: string | null;
  readonly addedBy: string;
}

export interface TeamHistoryRow {
  readonly jobId: string;
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly title: string;
  readonly path: string;
  readonly size: number;
  readonly destination: string;
  readonly crc64: string | null;
  /** The worker process that uploaded it, and its machine. */
  readonly worker: string;
  readonly machine: string;
  readonly finishedAt: string;
}

export async function listTeamJobs(
  pool: pg.Pool,
  options: { among?: readonly string[] } = {},
): Promise<TeamJobSummary[]> {
  const result = await pool.query<{
    id: string;
    state: TeamJobSummary['state'];
    path: string;
    size: string;
    bytes_done: string;
    lease_owner: string | null;
    media_id: string | null;
    attempts: number;
    unseen_by: string[];
    last_error: string | null;
    added_by: string;
  }>(
    `SELECT j.id, j.state, j.path, j.size, j.lease_owner, j.media_id, j.attempts, j.unseen_by, j.last_error,
       j.added_by, coalesce((SELECT sum(p.size) FROM team_parts p WHERE p.job_id = j.id), 0) AS bytes_done
     FROM team_jobs j
     WHERE ($1::text[] IS NULL OR j.id = ANY ($1::text[]))
     ORDER BY j.position`,
    [options.among ?? null],
  );
  return result.rows.map((r) => ({
    id: r.id,
    state: r.state,
    path: r.path,
    size: Number(r.size),
    bytesDone: r.state === 'done' ? Number(r.size) : Number(r.bytes_done),
    leaseOwner: r.lease_owner,
    mediaId: r.media_id,
    attempts: r.attempts,
    unseenBy: r.unseen_by,
    lastError: r.last_error,
    addedBy: r.added_by,
  }));
}

export async function listTeamHistory(
  pool: pg.Pool,
  options: { search?: string; limit?: number } = {},
): Promise<TeamHistoryRow[]> {
  const search = options.search?.trim() ? `%${options.search.trim().toLowerCase()}%` : null;
  const result = await pool.query<{
    job_id: string;
    media_id: string;
    kind: MediaKind;
    title: string;
    path: string;
    size: string;
    destination: string;
    crc64: string | null;
    worker: string;
    machine: string;
    finished_at: Date;
  }>(
    `SELECT * FROM team_history
     WHERE $1::text IS NULL OR lower(path) LIKE $1 OR lower(title) LIKE $1 OR lower(media_id) LIKE $1
       OR lower(machine) LIKE $1 OR lower(worker) LIKE $1
     ORDER BY finished_at DESC, job_id
     LIMIT $2`,
    [search, options.limit ?? 1_000_000],
  );
  return result.rows.map((r) => ({
    jobId: r.job_id,
    mediaId: r.media_id,
    kind: r.kind,
    title: r.title,
    path: r.path,
    size: Number(r.size),
    destination: r.destination,
    crc64: r.crc64,
    worker: r.worker,
    machine: r.machine,
    finishedAt: r.finished_at.toISOString(),
  }));
}
