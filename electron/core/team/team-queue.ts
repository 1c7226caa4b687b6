import type pg from 'pg';
import { AppError } from '../base/app-error';
import { enqueueTeamJobs } from './team-enqueue';
import { toTeamJob, toTeamPart, type TeamJobRecord, type TeamPartRecord } from './team-rows';
import type { TeamJob, TeamJobInput, TeamPart } from './team-types';

export type { TeamJob, TeamJobInput, TeamPart } from './team-types';

/**
 * One worker's view of the team queue on PostgreSQL (schema: pg-migrations.ts). Workers claim jobs with
 * `FOR UPDATE SKIP LOCKED` under a lease they renew; every write about a claimed job is fenced by the lease
 * owner, so a worker that was presumed dead (and whose job another worker took over) can no longer record
 * parts or complete it. Lease times are the server's clock.
 *
 * The engine reaches it through the team bridge (core/app/team-bridge.ts) and the JobStore decorator
 * (core/engine/team-job-store.ts), which mirror each claimed job's facts here as they happen; see docs/team.md.
 */
export interface TeamWorker {
  /** Unique per running worker process (a machine may run several). */
  readonly id: string;
  /** What history shows: the machine's name. */
  readonly machine: string;
}

export interface TeamQueue {
  /** Adds jobs; a job whose content is already queued or uploaded for its destination is not added again. */
  enqueue(jobs: readonly TeamJobInput[]): Promise<{ added: string[]; existing: string[] }>;
  /**
   * Claims up to `limit` runnable jobs (queued, or claimed by a worker whose lease ran out), in queue order;
   * only those going to one of `places` (destination prefixes) and only those in `among`, when given.
   */
  claim(limit: number, filter?: ClaimFilter): Promise<TeamJob[]>;
  /** Extends this worker's leases; returns the ids still held (the others were taken over: stop them). */
  renew(jobIds: readonly string[]): Promise<string[]>;
  /** This worker cannot read the file (another mount): leave the job to workers that can. */
  leaveForOthers(jobId: string, reason: string): Promise<void>;
  recordGrant(jobId: string, grant: { mediaId: string; objectKey: string }): Promise<void>;
  recordUploadId(jobId: string, uploadId: string, partSize: number): Promise<void>;
  /** Forgets the multipart upload (gone on OSS, or a new object key): upload id and parts, in one write. */
  resetUpload(jobId: string): Promise<void>;
  recordPart(jobId: string, part: TeamPart): Promise<void>;
  /** The parts on record become `parts` (reconciled with ListParts), in one transaction. */
  replaceParts(jobId: string, parts: readonly TeamPart[]): Promise<void>;
  parts(jobId: string): Promise<TeamPart[]>;
  /** Done: the job and its history row (who, which machine) in one transaction. */
  complete(jobId: string, result: { mediaId: string; crc64: string | null }): Promise<void>;
  fail(jobId: string, message: string): Promise<void>;
  /**
   * A canceled job's cleanup is done here (its multipart upload aborted, its media deleted in VOD through
   * this worker's media ledger): the job becomes canceled, or its row goes (`remove`).
   */
  finishCancel(jobId: string): Promise<void>;
  /** Gives claimed jobs back (SIGTERM drain): another worker continues from the recorded parts. */
  release(jobIds: readonly string[]): Promise<void>;
  get(jobId: string): Promise<TeamJob | undefined>;
}

export interface ClaimFilter {
  /** Destination prefixes this worker uploads to (its region and endpoint): a job for another is left. */
  readonly places?: readonly string[];
  /** Only these jobs (`upload --queue` works on what it queued). */
  readonly among?: readonly string[];
}

const CLAIMED_BY_ME = `id = $1 AND lease_owner = $2 AND state = 'claimed'`;

/** The channel enqueue and release notify: idle workers LISTEN on it instead of polling fast. */
export const TEAM_QUEUE_CHANNEL = 'vod_team_jobs';

export function createTeamQueue(pool: pg.Pool, worker: TeamWorker, leaseMs: number): TeamQueue {
  const lease = String(Math.max(1, Math.round(leaseMs)));

  /** A fenced write: refused when another worker has taken the job over (or it is no longer claimed). */
  async function fenced(jobId: string, sql: string, params: unknown[]): Promise<void> {
    const result = await pool.query(sql, [jobId, worker.id, ...params]);
    if (result.rowCount !== 1) throw leaseLost(jobId, worker.id);
  }

  return {
    // Batched (team-enqueue.ts): one round trip per 1,000 jobs, under the same one-job-per-content rule.
    async enqueue(jobs) {
      const result = await enqueueTeamJobs(pool, worker.id, jobs);
      if (result.added.length > 0) await pool.query(`SELECT pg_notify($1, '')`, [TEAM_QUEUE_CHANNEL]);
      return result;
    },

    async claim(limit, filter = {}) {
      const result = await pool.query<TeamJobRecord>(
        `WITH picked AS (
           SELECT id FROM team_jobs
           WHERE (((state = 'queued' OR (state = 'claimed' AND lease_until < now()))
                   AND NOT ($1 = ANY (unseen_by)))
                  OR (state = 'canceling' AND (lease_until IS NULL OR lease_until < now())))
             AND ($4::text[] IS NULL OR EXISTS (
               SELECT 1 FROM unnest($4::text[]) AS p WHERE left(destination, length(p) + 1) = p || '|'))
             AND ($5::text[] IS NULL OR id = ANY ($5::text[]))
           ORDER BY position
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         UPDATE team_jobs j
         SET state = CASE WHEN j.state = 'canceling' THEN 'canceling' ELSE 'claimed' END, lease_owner = $1, lease_until = now() + $3 * interval '1 millisecond',
             attempts = j.attempts + 1
         FROM picked WHERE j.id = picked.id
         RETURNING j.*`,
        [worker.id, limit, lease, filter.places ?? null, filter.among ?? null],
      );
      return result.rows.map(toTeamJob).sort((a, b) => a.position - b.position);
    },

    async renew(jobIds) {
      const result = await pool.query<{ id: string }>(
        `UPDATE team_jobs SET lease_until = now() + $3 * interval '1 millisecond'
         WHERE id = ANY ($1) AND lease_owner = $2 AND state = 'claimed' RETURNING id`,
        [jobIds, worker.id, lease],
      );
      const held = new Set(result.rows.map((r) => r.id));
      return jobIds.filter((id) => held.has(id));
    },

    async leaveForOthers(jobId, reason) {
      await fenced(
        jobId,
        `UPDATE team_jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL,
           unseen_by = array_append(unseen_by, $2), last_error = $3
         WHERE ${CLAIMED_BY_ME}`,
        [reason],
      );
      await pool.query(`SELECT pg_notify($1, '')`, [TEAM_QUEUE_CHANNEL]);
    },

    async recordGrant(jobId, grant) {
      // A new object key (an image re-created, a video moved) makes the old multipart upload useless: its
      // upload id and parts go in the same transaction, as in the SQLite queue.
      await inTransaction(pool, async (client) => {
        const row = await client.query<{ object_key: string | null }>(
          `SELECT object_key FROM team_jobs WHERE ${CLAIMED_BY_ME} FOR UPDATE`,
          [jobId, worker.id],
        );
        const before = row.rows[0];
        if (!before) throw leaseLost(jobId, worker.id);
        if (before.object_key !== null && before.object_key !== grant.objectKey) {
          await client.query('DELETE FROM team_parts WHERE job_id = $1', [jobId]);
          await client.query('UPDATE team_jobs SET upload_id = NULL, part_size = NULL WHERE id = $1', [
            jobId,
          ]);
        }
        await client.query('UPDATE team_jobs SET media_id = $2, object_key = $3 WHERE id = $1', [
          jobId,
          grant.mediaId,
          grant.objectKey,
        ]);
      });
    },

    async resetUpload(jobId) {
      await inTransaction(pool, async (client) => {
        const row = await client.query(
          `UPDATE team_jobs SET upload_id = NULL, part_size = NULL WHERE ${CLAIMED_BY_ME}`,
          [jobId, worker.id],
        );
        if (row.rowCount !== 1) throw leaseLost(jobId, worker.id);
        await client.query('DELETE FROM team_parts WHERE job_id = $1', [jobId]);
      });
    },

    async replaceParts(jobId, parts) {
      await inTransaction(pool, async (client) => {
        const row = await client.query(`SELECT id FROM team_jobs WHERE ${CLAIMED_BY_ME} FOR UPDATE`, [
          jobId,
          worker.id,
        ]);
        if (row.rowCount !== 1) throw leaseLost(jobId, worker.id);
        await client.query('DELETE FROM team_parts WHERE job_id = $1', [jobId]);
        for (const part of parts) {
          await client.query(
            `INSERT INTO team_parts (job_id, part_number, "offset", size, etag, crc64, worker)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [jobId, part.partNumber, part.offset, part.size, part.etag, part.crc64, worker.id],
          );
        }
      });
    },

    async recordUploadId(jobId, uploadId, partSize) {
      await fenced(jobId, `UPDATE team_jobs SET upload_id = $3, part_size = $4 WHERE ${CLAIMED_BY_ME}`, [
        uploadId,
        partSize,
      ]);
    },

    async recordPart(jobId, part) {
      // FOR SHARE holds off a takeover until this insert commits; a takeover that committed first makes the
      // row fail the owner check, and nothing is inserted.
      await fenced(
        jobId,
        `INSERT INTO team_parts (job_id, part_number, "offset", size, etag, crc64, worker)
         SELECT id, $3, $4, $5, $6, $7, $2 FROM team_jobs WHERE ${CLAIMED_BY_ME} FOR SHARE
         ON CONFLICT (job_id, part_number) DO UPDATE
           SET "offset" = EXCLUDED."offset", size = EXCLUDED.size, etag = EXCLUDED.etag,
               crc64 = EXCLUDED.crc64, worker = EXCLUDED.worker`,
        [part.partNumber, part.offset, part.size, part.etag, part.crc64],
      );
    },

    async parts(jobId) {
      const result = await pool.query<TeamPartRecord>(
        'SELECT * FROM team_parts WHERE job_id = $1 ORDER BY part_number',
        [jobId],
      );
      return result.rows.map(toTeamPart);
    },

    async complete(jobId, done) {
      await inTransaction(pool, async (client) => {
        const row = await client.query<TeamJobRecord>(
          `UPDATE team_jobs SET state = 'done', media_id = $3, crc64 = $4, lease_owner = NULL,
             lease_until = NULL, finished_at = now(), last_error = NULL
           WHERE ${CLAIMED_BY_ME} RETURNING *`,
          [jobId, worker.id, done.mediaId, done.crc64],
        );
        const job = row.rows[0];
        if (!job) throw leaseLost(jobId, worker.id);
        await client.query(
          `INSERT INTO team_history (job_id, media_id, kind, title, path, size, destination, crc64, worker, machine)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            jobId,
            done.mediaId,
            job.kind,
            job.title,
            job.path,
            job.size,
            job.destination,
            done.crc64,
            worker.id,
            worker.machine,
          ],
        );
      });
    },

    async fail(jobId, message) {
      await fenced(
        jobId,
        `UPDATE team_jobs SET state = 'failed', lease_owner = NULL, lease_until = NULL, last_error = $3,
           finished_at = now()
         WHERE ${CLAIMED_BY_ME}`,
        [message],
      );
    },

    async finishCancel(jobId) {
      await inTransaction(pool, async (client) => {
        const mine = `id = $1 AND lease_owner = $2 AND state = 'canceling'`;
        const removed = await client.query(`DELETE FROM team_jobs WHERE ${mine} AND remove_when_canceled`, [
          jobId,
          worker.id,
        ]);
        if (removed.rowCount === 1) return;
        const row = await client.query(
          `UPDATE team_jobs SET state = 'canceled', lease_owner = NULL, lease_until = NULL, upload_id = NULL,
             part_size = NULL, finished_at = now()
           WHERE ${mine}`,
          [jobId, worker.id],
        );
        if (row.rowCount !== 1) throw leaseLost(jobId, worker.id);
        await client.query('DELETE FROM team_parts WHERE job_id = $1', [jobId]);
      });
    },

    async release(jobIds) {
      if (jobIds.length === 0) return;
      await pool.query(
        `UPDATE team_jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL
         WHERE id = ANY ($1) AND lease_owner = $2 AND state = 'claimed'`,
        [jobIds, worker.id],
      );
      await pool.query(`SELECT pg_notify($1, '')`, [TEAM_QUEUE_CHANNEL]);
    },

    async get(jobId) {
      const result = await pool.query<TeamJobRecord>('SELECT * FROM team_jobs WHERE id = $1', [jobId]);
      return result.rows[0] ? toTeamJob(result.rows[0]) : undefined;
    },
  };
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function leaseLost(jobId: string, workerId: string): AppError {
  return new AppError(
    'TEAM_LEASE_LOST',
    `Job ${jobId} is no longer claimed by worker ${workerId} (its lease ran out and another worker took it over, or it was settled).`,
  );
}
