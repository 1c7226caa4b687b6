import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres-database';
import { runCli, type CliRun } from '../cli/cli-process';
import {
  endpointArgs,
  jobStates,
  makeFiles,
  startWorker,
  stopWorker,
  teamEnv,
  waitFor,
  withPool,
} from './team-cli';

/**
 * The team queue end to end: real `vod-upload` processes (the built CLI) on a real PostgreSQL server
 * (test/integration/postgres.setup.ts) against the emulator. Each test has its own database and emulator.
 */
describe('vod-upload worker --queue (team queue on PostgreSQL)', () => {
  let root: string;
  let emulator: RunningEmulator | undefined;
  let db: TestDatabase | undefined;
  const running: CliRun[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vod-team-cli-'));
  });
  afterEach(async () => {
    for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await emulator?.stop();
    emulator = undefined;
    await db?.drop();
    db = undefined;
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function setUp(name: string) {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase('teamcli');
    const dir = join(root, name);
    return { emulator, url: db.url, env: teamEnv(dir, emulator), dir };
  }

  it('three workers upload 300 files: every file exactly once, one media each', async () => {
    const { emulator, url, env, dir } = await setUp('three');
    const files = await makeFiles(join(dir, 'Archive'), 300, 2048);
    const queued = await runCli(
      [
        'upload',
        join(dir, 'Archive'),
        '--queue',
        url,
        '--enqueue-only',
        '--data-dir',
        join(dir, 'enq'),
        ...endpointArgs(emulator),
      ],
      env,
    );
    expect(queued.stderr).not.toMatch(/error/i);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toContain('Queued 300 file(s) on the team queue');

    const workers = ['w1', 'w2', 'w3'].map((name) =>
      startWorker(url, name, join(dir, name), env, emulator, ['--files', '4']),
    );
    running.push(...workers);
    await waitFor(
      '300 jobs done',
      async () => ((await jobStates(url))['done'] === 300 ? true : undefined),
      150_000,
      500,
    );
    const exits = await Promise.all(workers.map((w) => stopWorker(w)));
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);

    const history = await withPool(
      url,
      async (pool) =>
        (
          await pool.query<{ path: string; media_id: string; machine: string }>(
            'SELECT path, media_id, machine FROM team_history',
          )
        ).rows,
    );
    // Every file exactly once, with its own media.
    expect(history.map((h) => h.path).sort()).toEqual([...files].sort());
    expect(new Set(history.map((h) => h.media_id)).size).toBe(300);
    // The work was shared: each worker uploaded some.
    expect(new Set(history.map((h) => h.machine))).toEqual(new Set(['w1', 'w2', 'w3']));
    // VOD (the emulator) saw one create and one object per file: nothing uploaded twice.
    const state = emulator.state();
    expect(state.calls['CreateUploadVideo']).toBe(300);
    expect(state.media).toHaveLength(300);
    expect(new Set(state.media.map((m) => m.mediaId))).toEqual(new Set(history.map((h) => h.media_id)));
    expect(state.objects).toHaveLength(300);
    expect(state.objects.every((o) => o.size === 2048)).toBe(true);
  });

  it('two processes queueing the same folder at once create each job once', async () => {
    const { emulator, url, env, dir } = await setUp('race');
    await makeFiles(join(dir, 'Shoot'), 60, 1024);
    const enqueue = (n: number) =>
      runCli(
        [
          'upload',
          join(dir, 'Shoot'),
          '--queue',
          url,
          '--enqueue-only',
          '--json',
          '--data-dir',
          join(dir, `enq${n}`),
          ...endpointArgs(emulator),
        ],
        env,
      );
    const [a, b] = await Promise.all([enqueue(1), enqueue(2)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const counts = [a, b].map(
      (r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { added: number; existing: number },
    );
    expect(counts[0]!.added + counts[1]!.added).toBe(60);
    expect(counts[0]!.existing + counts[1]!.existing).toBe(60);
    const jobs = await withPool(url, async (pool) =>
      (await pool.query<{ path: string }>('SELECT path FROM team_jobs')).rows.map((r) => r.path),
    );
    expect(jobs).toHaveLength(60);
    expect(new Set(jobs).size).toBe(60);
  });

  it('a worker that cannot see the files leaves them for one that can', async () => {
    const { emulator, url, env, dir } = await setUp('unseen');
    const files = await makeFiles(join(dir, 'NAS', 'Rushes'), 5, 4096);
    const queued = await runCli(
      [
        'upload',
        join(dir, 'NAS'),
        '--queue',
        url,
        '--enqueue-only',
        '--data-dir',
        join(dir, 'enq'),
        ...endpointArgs(emulator),
      ],
      env,
    );
    expect(queued.code).toBe(0);
    // This worker mounts the share somewhere it is not: it can see none of the files.
    const blind = startWorker(url, 'blind', join(dir, 'blind'), env, emulator, [
      '--path-map',
      `${join(dir, 'NAS')}=/nonexistent/nas`,
    ]);
    running.push(blind);
    await waitFor(
      'every job left by the blind worker',
      async () =>
        withPool(url, async (pool) => {
          const rows = await pool.query<{ n: string }>(
            "SELECT count(*) AS n FROM team_jobs WHERE state = 'queued' AND cardinality(unseen_by) = 1",
          );
          return Number(rows.rows[0]!.n) === 5 ? true : undefined;
        }),
      30_000,
    );
    expect(blind.stdout()).toContain('/nonexistent/nas/Rushes/clip-0001.mp4');
    expect(await jobStates(url)).toEqual({ queued: 5 });
    expect(emulator.state().calls['CreateUploadVideo'] ?? 0).toBe(0);

    const seeing = startWorker(url, 'seeing', join(dir, 'seeing'), env, emulator);
    running.push(seeing);
    await waitFor(
      '5 jobs done',
      async () => ((await jobStates(url))['done'] === 5 ? true : undefined),
      60_000,
    );
    const history = await withPool(
      url,
      async (pool) =>
        (await pool.query<{ path: string; machine: string }>('SELECT path, machine FROM team_history')).rows,
    );
    expect(history.map((h) => h.machine)).toEqual(['seeing', 'seeing', 'seeing', 'seeing', 'seeing']);
    expect(history.map((h) => h.path).sort()).toEqual(files);
    expect((await stopWorker(blind)).code).toBe(0);
    expect((await stopWorker(seeing)).code).toBe(0);
  });
});
