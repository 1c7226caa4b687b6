import { afterAll, describe, expect, it } from 'vitest';
import { openTeamConnection } from '../../../electron/core/team/team-connection';
import { createTeamQueue } from '../../../electron/core/team/team-queue';
import { testPostgresUrl, withClient } from '../../helpers/postgres-database';

/**
 * The roles docs/team.md tells a studio to create, on a real server: the owner creates the schema; the
 * workers' role, with only the grants listed there, runs every step of a job and creates nothing.
 */
describe('team queue roles (docs/team.md)', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const dbName = `vod_team_${suffix}`;
  const owner = `vod_owner_${suffix}`;
  const worker = `vod_worker_${suffix}`;
  const as = (role: string) => {
    const url = new URL(testPostgresUrl());
    url.username = role;
    url.pathname = `/${dbName}`;
    return url.toString();
  };
  afterAll(async () => {
    await withClient(testPostgresUrl(), async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${worker}`);
      await c.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  });

  it('the owner migrates; the worker role (row grants only) queues, claims, records and completes', async () => {
    await withClient(testPostgresUrl(), async (c) => {
      await c.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-pw-1'`);
      await c.query(`CREATE DATABASE ${dbName} OWNER ${owner}`);
      await c.query(`CREATE ROLE ${worker} LOGIN PASSWORD 'worker-pw-1'`);
    });
    // Before the owner set the schema up, the workers' role cannot (it may create nothing).
    await expect(openTeamConnection({ url: as(worker), env: {} })).rejects.toMatchObject({
      code: 'TEAM_QUEUE_UNREACHABLE',
    });
    const ownerConnection = await openTeamConnection({ url: as(owner), env: {} });
    for (const sql of [
      `GRANT CONNECT ON DATABASE ${dbName} TO ${worker}`,
      `GRANT USAGE ON SCHEMA public TO ${worker}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON team_jobs, team_parts, team_history TO ${worker}`,
      `GRANT SELECT ON team_schema_migrations TO ${worker}`,
      `GRANT USAGE ON SEQUENCE team_jobs_position_seq TO ${worker}`,
    ]) {
      await ownerConnection.pool.query(sql);
    }
    await ownerConnection.close();

    const connection = await openTeamConnection({ url: as(worker), env: {} });
    try {
      const queue = createTeamQueue(connection.pool, { id: 'w1', machine: 'render-01' }, 30_000);
      const job = {
        id: 'job-1',
        path: '/mnt/nas/a.mp4',
        name: 'a.mp4',
        kind: 'video' as const,
        size: 10,
        mtimeMs: 1,
        fingerprint: 'fp',
        destination: 'cn-shanghai|vod.cn-shanghai.aliyuncs.com|storage:|app:',
        title: 'a',
        metadata: { titleTemplate: '{name}', tags: [] },
      };
      expect(await queue.enqueue([job])).toEqual({ added: ['job-1'], existing: [] });
      expect(await queue.claim(5, { places: ['cn-shanghai|vod.cn-shanghai.aliyuncs.com'] })).toHaveLength(1);
      await queue.recordGrant('job-1', { mediaId: 'm1', objectKey: 'k1' });
      await queue.recordUploadId('job-1', 'u1', 5);
      const part = { partNumber: 1, offset: 0, size: 5, etag: '"E"', crc64: '1' };
      await queue.recordPart('job-1', part);
      await queue.replaceParts('job-1', [part]);
      await queue.complete('job-1', { mediaId: 'm1', crc64: null });
      const history = await connection.pool.query<{ machine: string }>('SELECT machine FROM team_history');
      expect(history.rows).toEqual([{ machine: 'render-01' }]);
      // And it really has no more than row grants: it cannot change the schema.
      await expect(connection.pool.query('CREATE TABLE team_extra (x int)')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await connection.close();
    }
  });
});
