import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A fresh database in the integration run's throwaway PostgreSQL server (test/integration/postgres.setup.ts),
 * dropped by `drop()`. Fails with what to install when the run has no server.
 */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export function testPostgresUrl(): string {
  const url = inject('postgresUrl');
  if (!url) throw new Error(inject('postgresError') || 'No PostgreSQL server for this test run.');
  return url;
}

export async function createTestDatabase(prefix = 'vod'): Promise<TestDatabase> {
  const serverUrl = testPostgresUrl();
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
