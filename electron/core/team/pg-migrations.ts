import type pg from 'pg';
import { AppError } from '../base/app-error';

/**
 * The team queue's schema on PostgreSQL, in numbered steps like the SQLite queue's (core/queue/migrations).
 * Every worker runs `migratePostgres` at start; a transaction-scoped advisory lock makes concurrent starts
 * apply each step once. A database migrated by a newer build is refused, never touched.
 */
export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * 0001: jobs, parts and history shared by every worker. What differs from SQLite is what sharing needs:
 * - `lease_owner`/`lease_until`: a worker claims a job for a while and renews it; a job whose lease ran out
 *   (its worker died) is claimed by another, which goes on with the same media and the recorded parts.
 *   Times are the server's (now()), so workers' clocks do not matter.
 * - `content_key` unique per destination: two machines adding the same folder create each job once.
 * - `unseen_by`: workers that could not see the file (another NAS mount); the job waits for one that can.
 * - history says which worker and machine uploaded each file. No secret is ever stored here: each worker
 *   signs with its own profile.
 */
const M0001 = `
  CREATE TABLE team_jobs (
    id TEXT PRIMARY KEY,
    position BIGSERIAL NOT NULL,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'attached')),
    size BIGINT NOT NULL CHECK (size >= 0),
    mtime_ms DOUBLE PRECISION NOT NULL,
    fingerprint TEXT,
    destination TEXT NOT NULL,
    content_key TEXT NOT NULL,
    title TEXT NOT NULL,
    metadata JSONB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'done', 'failed', 'canceled')),
    lease_owner TEXT,
    lease_until TIMESTAMPTZ,
    unseen_by TEXT[] NOT NULL DEFAULT '{}',
    media_id TEXT,
    object_key TEXT,
    upload_id TEXT,
    part_size BIGINT,
    crc64 TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    added_by TEXT NOT NULL,
    added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    UNIQUE (destination, content_key),
    CHECK ((state = 'claimed') = (lease_owner IS NOT NULL AND lease_until IS NOT NULL))
  );
  CREATE INDEX team_jobs_runnable ON team_jobs (position) WHERE state IN ('queued', 'claimed');

  CREATE TABLE team_parts (
    job_id TEXT NOT NULL REFERENCES team_jobs (id) ON DELETE CASCADE,
    part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
    "offset" BIGINT NOT NULL CHECK ("offset" >= 0),
    size BIGINT NOT NULL CHECK (size > 0),
    etag TEXT NOT NULL,
    crc64 TEXT NOT NULL,
    worker TEXT NOT NULL,
    PRIMARY KEY (job_id, part_number)
  );

  CREATE TABLE team_history (
    job_id TEXT PRIMARY KEY,
    media_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    size BIGINT NOT NULL,
    destination TEXT NOT NULL,
    crc64 TEXT,
    worker TEXT NOT NULL,
    machine TEXT NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE INDEX team_history_finished ON team_history (finished_at DESC);
  CREATE INDEX team_history_media ON team_history (media_id);
`;

/**
 * 0002: cancel and remove on the shared queue. A canceled job may have a media in VOD and an open multipart
 * upload that must be removed by a worker with credentials for its place, so cancel is two steps:
 * `canceling` (the worker holding it, or any worker for its place when no one does, removes what it made)
 * and then `canceled`. A `canceling` job keeps the lease of the worker cleaning it up, so the lease check is
 * now "a claimed job has a lease; only claimed and canceling jobs may". `remove_when_canceled`: the row goes
 * once the cleanup is done (`remove` of an unfinished job).
 */
const M0002 = `
  ALTER TABLE team_jobs DROP CONSTRAINT team_jobs_state_check;
  ALTER TABLE team_jobs ADD CONSTRAINT team_jobs_state_check
    CHECK (state IN ('queued', 'claimed', 'done', 'failed', 'canceling', 'canceled'));
  ALTER TABLE team_jobs DROP CONSTRAINT team_jobs_check;
  ALTER TABLE team_jobs ADD CONSTRAINT team_jobs_lease_check CHECK (
    (lease_owner IS NULL) = (lease_until IS NULL)
    AND (state <> 'claimed' OR lease_owner IS NOT NULL)
    AND (state IN ('claimed', 'canceling') OR lease_owner IS NULL));
  ALTER TABLE team_jobs ADD COLUMN remove_when_canceled BOOLEAN NOT NULL DEFAULT false;
  DROP INDEX team_jobs_runnable;
  CREATE INDEX team_jobs_runnable ON team_jobs (position) WHERE state IN ('queued', 'claimed', 'canceling');
`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'team-queue', sql: M0001 },
  { version: 2, name: 'team-cancel', sql: M0002 },
];

/** An arbitrary constant: the advisory lock that serializes migrations across workers. */
const MIGRATION_LOCK = 0x766f6475;

export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
  options: { upTo?: number } = {},
): Promise<{ applied: number[] }> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS team_schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM team_schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new AppError(
        'DB_TOO_NEW',
        `The team queue was set up by a newer VOD Uploader (schema ${newest}; this one knows ${known}). Update this worker.`,
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version) || m.version > (options.upTo ?? Infinity)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO team_schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { applied };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
