import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { RunningEmulator } from '../../emulator/index';
import { cliTrustEnv } from '../../helpers/emulator-trust';
import { cleanEnv, startCli, type CliRun } from '../cli/cli-process';

/* Helpers for the team tests that run the real `vod-upload` (worker, upload --queue) as child processes. */

export function teamEnv(root: string, emulator: RunningEmulator): NodeJS.ProcessEnv {
  return cleanEnv(join(root, 'home'), {
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.config.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.config.accessKeySecret,
    ...cliTrustEnv(emulator.config),
  });
}

export function endpointArgs(emulator: RunningEmulator): string[] {
  return ['--endpoint', emulator.config.vodEndpoint, '--region', emulator.config.regionId];
}

/** Files of random content (distinct fingerprints), `size` bytes each, named clip-0001.mp4 … */
export async function makeFiles(dir: string, count: number, size: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 1; i <= count; i++) {
    const path = join(dir, `clip-${String(i).padStart(4, '0')}.mp4`);
    await writeFile(path, randomBytes(size));
    paths.push(path);
  }
  return paths;
}

export function startWorker(
  url: string,
  name: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  emulator: RunningEmulator,
  extra: string[] = [],
): CliRun {
  return startCli(
    [
      'worker',
      '--queue',
      url,
      '--name',
      name,
      '--data-dir',
      dataDir,
      ...endpointArgs(emulator),
      '--json',
      ...extra,
    ],
    env,
  );
}

export async function jobStates(url: string): Promise<Record<string, number>> {
  return withPool(url, async (pool) => {
    const rows = await pool.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM team_jobs GROUP BY state',
    );
    return Object.fromEntries(rows.rows.map((r) => [r.state, Number(r.n)]));
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

/** SIGTERM, then the exit; a worker that does not drain within `ms` is killed and the test fails on its code. */
export async function stopWorker(run: CliRun, ms = 30_000) {
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  try {
    return await run.result;
  } finally {
    clearTimeout(timer);
  }
}
