import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../electron/core/team/pg-migrations';
import { createTeamQueue, type TeamJobInput } from '../../../electron/core/team/team-queue';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres-database';

// Enqueuing an archive on a real PostgreSQL server: batched (one INSERT per 1,000 jobs), same rules as one by one.

let db: TestDatabase;
let pool: pg.Pool;
let queries = 0;

beforeAll(async () => {
  db = await createTestDatabase('enqueue');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  // Counts round trips: what made 100,000 files take minutes was one INSERT per job.
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    queries++;
    return query(...args);
  };
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

function job(i: number, over: Partial<TeamJobInput> = {}): TeamJobInput {
  return {
    id: `e-${i}-${Math.random().toString(36).slice(2, 8)}`,
    path: `/mnt/nas/reel/clip${i}.mov`,
    name: `clip${i}.mov`,
    kind: 'video',
    size: 1000 + i,
    mtimeMs: 1_700_000_000_000 + i,
    fingerprint: i % 2 === 0 ? `fp${i}` : null,
    destination: 'studio/cn-shanghai',
    title: `clip${i}`,
    metadata: { titleTemplate: '{name}', tags: ['reel'] },
    ...over,
  };
}

describe('team queue: enqueuing an archive', () => {
  it('adds 2,500 jobs in 3 INSERTs, in input order, and finds those already queued', async () => {
    const queue = createTeamQueue(pool, { id: 'adder', machine: 'nas-1' }, 60_000);
    const before = await queue.enqueue([job(7), job(2400)]);
    expect(before.added).toHaveLength(2);

    const jobs = Array.from({ length: 2500 }, (_, i) => job(i));
    // The same content twice in one batch (a moved copy with the same fingerprint): one job.
    jobs.push(job(10, { path: '/Volumes/NAS/reel/clip10.mov' }));
    queries = 0;
    const result = await queue.enqueue(jobs);
    expect(queries).toBeLessThanOrEqual(6);

    expect(result.added).toHaveLength(2498);
    expect(result.existing).toEqual([before.added[0], before.added[1], jobs[10]!.id]);
    const order = await pool.query<{ id: string }>(
      `SELECT id FROM team_jobs WHERE added_by = 'adder' ORDER BY position OFFSET 2`,
    );
    expect(order.rows.map((r) => r.id)).toEqual(result.added);
    const stored = await queue.get(result.added[0]!);
    expect(stored).toMatchObject({ state: 'queued', metadata: { tags: ['reel'] }, fingerprint: 'fp0' });
  });
});
