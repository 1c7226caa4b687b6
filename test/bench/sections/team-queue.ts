import { hostname } from 'node:os';
import pg from 'pg';
import { migratePostgres } from '../../../electron/core/team/pg-migrations';
import { createTeamQueue, type TeamJobInput } from '../../../electron/core/team/team-queue';
import { startTestPostgres } from '../../helpers/postgres-server';
import { round } from '../lib/units';

/**
 * The team queue on a real PostgreSQL server (a throwaway cluster from test/helpers/postgres-server.ts, fsync
 * off like the tests'): how long enqueuing an archive takes, and how many jobs/s workers claim. Workers run
 * in this process, each with its own pool (as separate processes would have), and drive team-queue.ts
 * directly: claim one job, record its grant, complete it (the job and its history row). No upload happens:
 * this is the queue's bookkeeping per file, the ceiling the database puts on a fleet.
 */
export interface TeamEnqueueResult {
  readonly files: number;
  readonly batchSize: number;
  readonly enqueueMs: number;
  readonly filesPerSec: number;
  /** Enqueuing the same archive again (every job already there): what a second machine adding it costs. */
  readonly reEnqueueMs: number;
}

export interface ClaimRatePoint {
  readonly workers: number;
  readonly jobs: number;
  readonly ms: number;
  readonly jobsPerSec: number;
  /** jobs/s ÷ the 1-worker jobs/s of the same run. */
  readonly vsOneWorker: number;
  /** Claimed twice by anyone: must be 0. */
  readonly duplicates: number;
}

export interface TeamQueueResult {
  readonly enqueue: TeamEnqueueResult;
  readonly claimRates: ClaimRatePoint[];
  readonly serverVersion: string;
}

export function archiveJobs(files: number, destination = 'studio/cn-shanghai'): TeamJobInput[] {
  const jobs: TeamJobInput[] = [];
  for (let i = 0; i < files; i++) {
    const dir = `reel-${String(Math.floor(i / 100)).padStart(4, '0')}`;
    const name = `clip-${String(i).padStart(6, '0')}.mp4`;
    jobs.push({
      id: `job-${i}`,
      path: `/mnt/nas/archive/${dir}/${name}`,
      name,
      kind: 'video',
      size: 1024 * 1024,
      mtimeMs: 1_700_000_000_000 + i,
      fingerprint: null,
      destination,
      title: name.replace(/\.mp4$/, ''),
      metadata: { titleTemplate: '{name}', tags: ['archive'] },
    });
  }
  return jobs;
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  return url.toString();
}

async function measureEnqueue(url: string, files: number, batchSize: number): Promise<TeamEnqueueResult> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const queue = createTeamQueue(pool, { id: 'enqueuer', machine: hostname() }, 60_000);
    const jobs = archiveJobs(files);
    const run = async () => {
      const t = performance.now();
      for (let i = 0; i < jobs.length; i += batchSize) await queue.enqueue(jobs.slice(i, i + batchSize));
      return performance.now() - t;
    };
    const enqueueMs = await run();
    const reEnqueueMs = await run();
    return {
      files,
      batchSize,
      enqueueMs: round(enqueueMs, 0),
      filesPerSec: round(files / (enqueueMs / 1000), 0),
      reEnqueueMs: round(reEnqueueMs, 0),
    };
  } finally {
    await pool.end();
  }
}

/** `workers` in-process workers drain a queue of `jobs`: claim 1, record the grant, complete. */
async function claimRate(
  url: string,
  workers: number,
  jobs: number,
): Promise<Omit<ClaimRatePoint, 'vsOneWorker'>> {
  const seed = new pg.Pool({ connectionString: url, max: 1 });
  await seed.query('TRUNCATE team_jobs, team_parts, team_history');
  await createTeamQueue(seed, { id: 'seed', machine: 'seed' }, 60_000).enqueue(
    archiveJobs(jobs, `claims-${workers}`),
  );
  await seed.end();
  const pools = Array.from({ length: workers }, () => new pg.Pool({ connectionString: url, max: 1 }));
  const claimed = new Map<string, number>();
  try {
    const t = performance.now();
    await Promise.all(
      pools.map(async (pool, w) => {
        const queue = createTeamQueue(pool, { id: `w${w}`, machine: hostname() }, 60_000);
        for (;;) {
          const [job] = await queue.claim(1);
          if (!job) return;
          claimed.set(job.id, (claimed.get(job.id) ?? 0) + 1);
          await queue.recordGrant(job.id, { mediaId: `m-${job.id}`, objectKey: `k/${job.id}` });
          await queue.complete(job.id, { mediaId: `m-${job.id}`, crc64: '0' });
        }
      }),
    );
    const ms = performance.now() - t;
    return {
      workers,
      jobs: claimed.size,
      ms: round(ms, 0),
      jobsPerSec: round(claimed.size / (ms / 1000), 0),
      duplicates: [...claimed.values()].filter((n) => n > 1).length,
    };
  } finally {
    for (const p of pools) await p.end();
  }
}

export async function measureTeamQueue(options: {
  files: number;
  batchSize: number;
  claimJobs: number;
  workerCounts: readonly number[];
  log: (line: string) => void;
}): Promise<TeamQueueResult> {
  const server = await startTestPostgres();
  try {
    const version = new pg.Client({ connectionString: server.url });
    await version.connect();
    const serverVersion =
      (await version.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v')).rows[0]?.v ??
      '?';
    await version.end();

    options.log(`team queue: enqueue ${options.files} jobs (batches of ${options.batchSize})`);
    const enqueue = await measureEnqueue(
      await freshDatabase(server.url, 'bench_enqueue'),
      options.files,
      options.batchSize,
    );
    const claimsUrl = await freshDatabase(server.url, 'bench_claims');
    const points: Omit<ClaimRatePoint, 'vsOneWorker'>[] = [];
    for (const workers of options.workerCounts) {
      options.log(`team queue: ${workers} worker(s) claiming ${options.claimJobs} jobs`);
      points.push(await claimRate(claimsUrl, workers, options.claimJobs));
    }
    const one = points.find((p) => p.workers === 1)?.jobsPerSec ?? points[0]?.jobsPerSec ?? 1;
    return {
      enqueue,
      claimRates: points.map((p) => ({ ...p, vsOneWorker: round(p.jobsPerSec / one, 2) })),
      serverVersion,
    };
  } finally {
    await server.stop();
  }
}
