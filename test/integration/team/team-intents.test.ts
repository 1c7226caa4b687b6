import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../electron/core/team/pg-migrations';
import { cancelTeamJobs, findTeamJobs, retryTeamJobs } from '../../../electron/core/team/team-intents';
import { createTeamQueue, type TeamJobInput, type TeamQueue } from '../../../electron/core/team/team-queue';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres-database';

// Retry, cancel and remove on the team queue (team-intents.ts) and the cleanup claims they lead to, on a real
// PostgreSQL server; the worker processes' side is in team-cancel.test.ts.

const databases: TestDatabase[] = [];
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const p of pools.splice(0)) await p.end();
  for (const d of databases.splice(0)) await d.drop();
});

function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(pool);
  return pool;
}

async function setUp(): Promise<{ pool: pg.Pool; worker: (id: string) => TeamQueue }> {
  const db = await createTestDatabase('intents');
  databases.push(db);
  const pool = poolFor(db.url);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return { pool, worker: (id) => createTeamQueue(poolFor(db.url), { id, machine: `host-${id}` }, 60_000) };
}

function job(i: number): TeamJobInput {
  return {
    id: `job-${i}`,
    path: `/mnt/nas/clip${i}.mov`,
    name: `clip${i}.mov`,
    kind: 'video',
    size: 1000 + i,
    mtimeMs: 1_700_000_000_000 + i,
    fingerprint: `fp${i}`,
    destination: 'studio/cn-shanghai',
    title: `clip${i}`,
    metadata: { titleTemplate: '{name}', tags: [] },
  };
}

const part = { partNumber: 1, offset: 0, size: 100, etag: 'e1', crc64: '1' };

describe('team queue: cancel, remove, retry', () => {
  it('a canceled job with a media that no worker holds is cleaned up by any worker, then canceled', async () => {
    const { pool, worker } = await setUp();
    const a = worker('a');
    const b = worker('b');
    await a.enqueue([job(1), job(2)]);
    // a started job 1 (a media, an upload, a part) and gave it back (a drain); job 2 was never started.
    const [first] = await a.claim(1);
    await a.recordGrant(first!.id, { mediaId: 'm1', objectKey: 'k1' });
    await a.recordUploadId(first!.id, 'u1', 100);
    await a.recordPart(first!.id, part);
    await a.release([first!.id]);

    const outcome = await cancelTeamJobs(pool, ['job-1', 'job-2'], { remove: false });
    expect(outcome).toEqual({ canceled: ['job-2'], canceling: ['job-1'], removed: [] });
    // Only the cleanup is claimable, whoever could not see the file: it needs the media, not the file.
    const cleanup = await b.claim(5);
    expect(cleanup.map((j) => [j.id, j.state, j.mediaId, j.uploadId])).toEqual([
      ['job-1', 'canceling', 'm1', 'u1'],
    ]);
    expect(await a.claim(5)).toEqual([]);
    // Fenced: the cleaning worker's lease; a's writes are refused.
    await expect(a.finishCancel('job-1')).rejects.toMatchObject({ code: 'TEAM_LEASE_LOST' });
    await b.finishCancel('job-1');
    const after = await b.get('job-1');
    expect([after?.state, after?.leaseOwner, after?.uploadId]).toEqual(['canceled', null, null]);
    expect(await b.parts('job-1')).toEqual([]);
    // Retry leaves canceled jobs alone; nothing is claimable any more.
    expect(await retryTeamJobs(pool, null)).toEqual([]);
    expect(await b.claim(5)).toEqual([]);
  });

  it('a cancel of a claimed job keeps its holder lease for the cleanup and refuses its upload writes', async () => {
    const { pool, worker } = await setUp();
    const a = worker('a');
    await a.enqueue([job(1)]);
    const [claimed] = await a.claim(1);
    expect(await cancelTeamJobs(pool, [claimed!.id], { remove: true })).toEqual({
      canceled: [],
      canceling: ['job-1'],
      removed: [],
    });
    await expect(a.recordPart('job-1', part)).rejects.toMatchObject({ code: 'TEAM_LEASE_LOST' });
    // The holder finds it not renewed (its cue to clean up), and no other worker may claim it meanwhile.
    expect(await a.renew(['job-1'])).toEqual([]);
    expect(await worker('b').claim(5)).toEqual([]);
    expect((await a.get('job-1'))?.leaseOwner).toBe('a');
    // remove: the row goes once the cleanup is done.
    await a.finishCancel('job-1');
    expect(await a.get('job-1')).toBeUndefined();
  });

  it('cancel --keep-remote cancels at once; remove drops finished rows; retry requeues failed and unseen jobs', async () => {
    const { pool, worker } = await setUp();
    const a = worker('a');
    await a.enqueue([job(1), job(2), job(3), job(4)]);
    const claimed = await a.claim(4);
    expect(claimed).toHaveLength(4);
    await a.recordGrant('job-1', { mediaId: 'm1', objectKey: 'k1' });
    await a.complete('job-2', { mediaId: 'm2', crc64: null });
    await a.fail('job-3', 'UPLOAD_FAILED: boom');
    await a.leaveForOthers('job-4', 'not mounted here');

    expect(await cancelTeamJobs(pool, ['job-1'], { remove: false, keepRemote: true })).toEqual({
      canceled: ['job-1'],
      canceling: [],
      removed: [],
    });
    expect((await a.get('job-1'))?.leaseOwner).toBeNull();
    // Retry: the failed job and the one a worker could not see, not the done or canceled ones.
    expect((await retryTeamJobs(pool, null)).sort()).toEqual(['job-3', 'job-4']);
    const requeued = await a.claim(4);
    expect(requeued.map((j) => [j.id, j.lastError, j.unseenBy])).toEqual([
      ['job-3', null, []],
      ['job-4', null, []],
    ]);
    // remove: done and canceled rows go (the history keeps the done one); claimed ones wait for cleanup.
    const removed = await cancelTeamJobs(pool, ['job-1', 'job-2', 'job-3'], { remove: true });
    expect({ ...removed, removed: [...removed.removed].sort() }).toEqual({
      canceled: [],
      canceling: ['job-3'],
      removed: ['job-1', 'job-2'],
    });
    const history = await pool.query('SELECT job_id FROM team_history');
    expect(history.rows).toEqual([{ job_id: 'job-2' }]);
    // Names: by id or path; an unknown name is an error that names it.
    expect((await findTeamJobs(pool, ['/mnt/nas/clip4.mov', 'job-3'])).map((j) => j.id)).toEqual([
      'job-3',
      'job-4',
    ]);
    await expect(findTeamJobs(pool, ['job-3', '/mnt/nas/nope.mov'])).rejects.toThrow(
      /"\/mnt\/nas\/nope.mov"/,
    );
  });
});
