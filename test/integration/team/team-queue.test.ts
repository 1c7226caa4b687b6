import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, PG_MIGRATIONS } from '../../../electron/core/team/pg-migrations';
import { createTeamQueue, type TeamJobInput, type TeamQueue } from '../../../electron/core/team/team-queue';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres-database';

// The team queue on a real PostgreSQL server (test/integration/postgres.setup.ts): each test its own database,
// each worker its own connection pool, as separate worker processes would have.

const databases: TestDatabase[] = [];
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const p of pools.splice(0)) await p.end();
  for (const d of databases.splice(0)) await d.drop();
});

async function freshQueueDb(): Promise<string> {
  const db = await createTestDatabase('team');
  databases.push(db);
  const pool = poolFor(db.url);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return db.url;
}

function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(pool);
  return pool;
}

function worker(url: string, id: string, leaseMs = 30_000): TeamQueue {
  return createTeamQueue(poolFor(url), { id, machine: `host-${id}` }, leaseMs);
}

function job(i: number, over: Partial<TeamJobInput> = {}): TeamJobInput {
  return {
    id: `job-${i}-${Math.random().toString(36).slice(2, 8)}`,
    path: `/mnt/nas/archive/clip${i}.mov`,
    name: `clip${i}.mov`,
    kind: 'video',
    size: 1000 + i,
    mtimeMs: 1_700_000_000_000 + i,
    fingerprint: `fp${i}`,
    destination: 'studio/cn-shanghai',
    title: `clip${i}`,
    metadata: { titleTemplate: '{name}', tags: ['archive'] },
    ...over,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('team queue schema (PostgreSQL migrations)', () => {
  let url: string;
  beforeAll(async () => {
    const db = await createTestDatabase('mig');
    databases.push(db);
    url = db.url;
  });

  it('applies 0001 and 0002 once even when three workers start at the same time, and refuses a newer schema', async () => {
    const clients = await Promise.all([0, 1, 2].map(() => poolFor(url).connect()));
    try {
      const results = await Promise.all(clients.map((c) => migratePostgres(c)));
      expect(results.map((r) => r.applied).flat()).toEqual([1, 2]);
      const tables = await clients[0]!.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE tablename LIKE 'team_%' ORDER BY tablename",
      );
      expect(tables.rows.map((r) => r.tablename)).toEqual([
        'team_history',
        'team_jobs',
        'team_parts',
        'team_schema_migrations',
      ]);
      // A newer build migrated this database: this one refuses it and changes nothing.
      await clients[0]!.query("INSERT INTO team_schema_migrations (version, name) VALUES (99, 'future')");
      await expect(migratePostgres(clients[1]!, PG_MIGRATIONS)).rejects.toMatchObject({ code: 'DB_TOO_NEW' });
    } finally {
      for (const c of clients) c.release();
    }
  });
});

describe('team queue (claims, leases, fencing)', () => {
  it('three workers on one queue settle 300 files, each exactly once', async () => {
    const url = await freshQueueDb();
    const jobs = Array.from({ length: 300 }, (_, i) => job(i));
    await worker(url, 'adder').enqueue(jobs);

    const claimedBy = new Map<string, string[]>();
    async function run(name: string): Promise<void> {
      const q = worker(url, name);
      for (;;) {
        const batch = await q.claim(4);
        if (batch.length === 0) return;
        for (const j of batch) {
          claimedBy.set(j.id, [...(claimedBy.get(j.id) ?? []), name]);
          await q.recordGrant(j.id, { mediaId: `media-${j.id}`, objectKey: `sv/${j.id}.mov` });
          await q.recordPart(j.id, { partNumber: 1, offset: 0, size: j.size, etag: '"e"', crc64: '1' });
          await q.complete(j.id, { mediaId: `media-${j.id}`, crc64: '1' });
        }
      }
    }
    await Promise.all(['w1', 'w2', 'w3'].map(run));

    expect(claimedBy.size).toBe(300);
    expect([...claimedBy.values()].every((by) => by.length === 1)).toBe(true);
    // Every worker took a share (SKIP LOCKED: nobody waited on another's rows).
    const perWorker = new Map<string, number>();
    for (const [by] of claimedBy.values()) perWorker.set(by!, (perWorker.get(by!) ?? 0) + 1);
    expect([...perWorker.keys()].sort()).toEqual(['w1', 'w2', 'w3']);

    const check = poolFor(url);
    const history = await check.query<{ n: string; media: string; machines: string }>(
      'SELECT count(*) AS n, count(DISTINCT media_id) AS media, count(DISTINCT machine) AS machines FROM team_history',
    );
    expect(history.rows[0]).toEqual({ n: '300', media: '300', machines: '3' });
    const left = await check.query("SELECT 1 FROM team_jobs WHERE state <> 'done'");
    expect(left.rowCount).toBe(0);
  });

  it('a worker whose lease ran out is taken over: same media and parts go on, the old worker is fenced off', async () => {
    const url = await freshQueueDb();
    const a = worker(url, 'a', 300);
    const b = worker(url, 'b', 30_000);
    const [j] = (await a.enqueue([job(1)])).added;
    const [claimed] = await a.claim(1);
    expect(claimed?.id).toBe(j);
    await a.recordGrant(j!, { mediaId: 'media-1', objectKey: 'sv/1.mov' });
    await a.recordUploadId(j!, 'upload-1', 8 << 20);
    await a.recordPart(j!, { partNumber: 1, offset: 0, size: 8 << 20, etag: '"p1"', crc64: '11' });

    // While the lease holds, nobody else gets the job.
    expect(await b.claim(1)).toEqual([]);
    await sleep(450); // "a" died: no renewal.
    const [taken] = await b.claim(1);
    expect(taken).toMatchObject({
      id: j,
      mediaId: 'media-1',
      uploadId: 'upload-1',
      leaseOwner: 'b',
      attempts: 2,
    });
    expect((await b.parts(j!)).map((p) => p.partNumber)).toEqual([1]);

    // "a" wakes up: every write about the job is refused, its renewal says the job is gone.
    await expect(
      a.recordPart(j!, { partNumber: 2, offset: 8 << 20, size: 1, etag: '"x"', crc64: '2' }),
    ).rejects.toMatchObject({ code: 'TEAM_LEASE_LOST' });
    await expect(a.complete(j!, { mediaId: 'media-1', crc64: null })).rejects.toMatchObject({
      code: 'TEAM_LEASE_LOST',
    });
    expect(await a.renew([j!])).toEqual([]);
    expect(await b.renew([j!])).toEqual([j]);

    await b.recordPart(j!, { partNumber: 2, offset: 8 << 20, size: 1, etag: '"p2"', crc64: '22' });
    await b.complete(j!, { mediaId: 'media-1', crc64: '33' });
    expect(await b.get(j!)).toMatchObject({ state: 'done', mediaId: 'media-1', leaseOwner: null });
    expect((await b.parts(j!)).map((p) => p.etag)).toEqual(['"p1"', '"p2"']);
  });

  it('two machines adding the same folder at once create each job once (moved copies included)', async () => {
    const url = await freshQueueDb();
    const first = worker(url, 'first');
    const second = worker(url, 'second');
    const folder = Array.from({ length: 100 }, (_, i) => i);
    const [x, y] = await Promise.all([
      first.enqueue(folder.map((i) => job(i))),
      // The other machine sees the NAS at another mount point: same content, other paths.
      second.enqueue(folder.map((i) => job(i, { path: `/Volumes/NAS/archive/clip${i}.mov` }))),
    ]);
    expect(x.added.length + y.added.length).toBe(100);
    expect(x.added.length + x.existing.length).toBe(100);
    expect(y.added.length + y.existing.length).toBe(100);
    const count = await poolFor(url).query<{ n: string }>('SELECT count(*) AS n FROM team_jobs');
    expect(count.rows[0]!.n).toBe('100');
    // The same file to another destination is another job.
    expect((await first.enqueue([job(1, { destination: 'studio/cn-beijing' })])).added).toHaveLength(1);
  });

  it('a worker that cannot see a file leaves it for one that can; a drained worker gives its jobs back', async () => {
    const url = await freshQueueDb();
    const blind = worker(url, 'blind');
    const seeing = worker(url, 'seeing');
    const [onlyB] = (await blind.enqueue([job(1)])).added;
    const [claimed] = await blind.claim(1);
    await blind.leaveForOthers(claimed!.id, 'not found at /mnt/nas/archive/clip1.mov on this worker');
    expect(await blind.claim(1)).toEqual([]);
    const [taken] = await seeing.claim(1);
    expect(taken).toMatchObject({ id: onlyB, unseenBy: ['blind'] });
    expect(taken?.lastError).toContain('not found');

    // SIGTERM drain: released jobs are runnable again at once, for anyone.
    await seeing.release([onlyB!]);
    const [again] = await seeing.claim(1);
    expect(again?.id).toBe(onlyB);
  });
});
