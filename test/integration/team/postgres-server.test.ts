import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withClient, type TestDatabase } from '../../helpers/postgres-database';

const made: TestDatabase[] = [];
afterAll(async () => {
  for (const db of made) await db.drop();
});

describe('the test run’s PostgreSQL server', () => {
  it('is a real PostgreSQL on loopback only, and gives each test a database of its own', async () => {
    const a = await createTestDatabase('probe');
    const b = await createTestDatabase('probe');
    made.push(a, b);
    expect(a.name).not.toBe(b.name);

    await withClient(a.url, async (c) => {
      const version = await c.query<{ v: string }>('SELECT version() AS v');
      expect(version.rows[0]!.v).toMatch(/^PostgreSQL \d+/);
      const listen = await c.query<{ listen_addresses: string }>('SHOW listen_addresses');
      expect(listen.rows[0]!.listen_addresses).toBe('127.0.0.1');
      await c.query('CREATE TABLE t (x int PRIMARY KEY)');
      await c.query('INSERT INTO t VALUES (1)');
    });
    // The other database does not see the first one's table.
    await withClient(b.url, async (c) => {
      const tables = await c.query("SELECT 1 FROM pg_tables WHERE tablename = 't'");
      expect(tables.rowCount).toBe(0);
    });
  });

  it('lets two sessions claim different rows with FOR UPDATE SKIP LOCKED (what the team queue relies on)', async () => {
    const db = await createTestDatabase('probe');
    made.push(db);
    await withClient(db.url, (c) =>
      c.query('CREATE TABLE q (id int PRIMARY KEY); INSERT INTO q VALUES (1), (2)'),
    );
    await withClient(db.url, (first) =>
      withClient(db.url, async (second) => {
        const claim = 'SELECT id FROM q ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED';
        await first.query('BEGIN');
        await second.query('BEGIN');
        const a = await first.query<{ id: number }>(claim);
        const b = await second.query<{ id: number }>(claim);
        expect([a.rows[0]!.id, b.rows[0]!.id]).toEqual([1, 2]);
        await first.query('COMMIT');
        await second.query('COMMIT');
      }),
    );
  });
});
