import type pg from 'pg';
import { contentKey } from './team-rows';
import type { TeamJobInput } from './team-types';

/** Rows per INSERT: 1,000 rows × 12 arrays stay far below PostgreSQL's limits and a client's memory. */
const BATCH = 1000;

/**
 * Adds jobs in batches: one INSERT … SELECT FROM unnest(arrays) per 1,000 jobs instead of one round trip per
 * job (an archive of 100,000 files took minutes that way). ON CONFLICT DO NOTHING under the unique
 * (destination, content_key) keeps the rule of one job per destination and content whatever the
 * interleaving: a conflicting insert of a concurrent enqueuer waits for it to commit, then is skipped, and the
 * job it made is looked up. Positions follow the input order (WITH ORDINALITY … ORDER BY).
 */
export async function enqueueTeamJobs(
  pool: pg.Pool,
  workerId: string,
  jobs: readonly TeamJobInput[],
): Promise<{ added: string[]; existing: string[] }> {
  const added: string[] = [];
  const existing: string[] = [];
  for (let start = 0; start < jobs.length; start += BATCH) {
    const batch = jobs.slice(start, start + BATCH);
    const keys = batch.map((job) => contentKey(job));
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO team_jobs (id, path, name, kind, size, mtime_ms, fingerprint, destination, content_key,
         title, metadata, state, added_by)
       SELECT id, path, name, kind, size, mtime_ms, fingerprint, destination, content_key, title,
         metadata::jsonb, 'queued', $12
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[])
         WITH ORDINALITY AS t (id, path, name, kind, size, mtime_ms, fingerprint, destination, content_key, title,
           metadata, ord)
       ORDER BY ord
       ON CONFLICT (destination, content_key) DO NOTHING RETURNING id`,
      [
        batch.map((j) => j.id),
        batch.map((j) => j.path),
        batch.map((j) => j.name),
        batch.map((j) => j.kind),
        batch.map((j) => j.size),
        batch.map((j) => j.mtimeMs),
        batch.map((j) => j.fingerprint),
        batch.map((j) => j.destination),
        keys,
        batch.map((j) => j.title),
        batch.map((j) => JSON.stringify(j.metadata)),
        workerId,
      ],
    );
    const insertedIds = new Set(inserted.rows.map((r) => r.id));
    const skipped = batch.flatMap((job, i) => (insertedIds.has(job.id) ? [] : [{ job, key: keys[i]! }]));
    const holders = new Map<string, string>();
    if (skipped.length > 0) {
      const found = await pool.query<{ id: string; destination: string; content_key: string }>(
        // LATERAL: one lookup in the unique index per skipped job. A plain join let the planner hash the whole
        // table for every batch (re-adding a 100,000-file archive took 66 s instead of seconds).
        `SELECT j.id, k.destination, k.content_key
         FROM unnest($1::text[], $2::text[]) AS k (destination, content_key)
         CROSS JOIN LATERAL (
           SELECT id FROM team_jobs t WHERE t.destination = k.destination AND t.content_key = k.content_key
         ) j`,
        [skipped.map((s) => s.job.destination), skipped.map((s) => s.key)],
      );
      for (const r of found.rows) holders.set(`${r.destination}\n${r.content_key}`, r.id);
    }
    for (const [i, job] of batch.entries()) {
      if (insertedIds.has(job.id)) added.push(job.id);
      else existing.push(holders.get(`${job.destination}\n${keys[i]!}`) ?? job.id);
    }
  }
  return { added, existing };
}
