import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTestPostgres } from '../../helpers/postgres-server';
import { startEmulatorProcess, type EmulatorProcess } from '../lib/emulator-process';
import { writeRandomFile } from '../lib/files';
import { MB, MiB, round } from '../lib/units';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/vod-upload.mjs');

/**
 * Aggregate upload throughput of a fleet (issue 19): 1, 2 and 4 real `vod-upload worker` processes on one
 * team queue (a throwaway PostgreSQL cluster), against the emulator in its own process with a bandwidth cap
 * per connection, as a WAN path where one TCP stream is the bottleneck. Each worker opens a fixed number of
 * connections (`--files 1 --parts P`), so more workers means more connections and, until the machine runs
 * out of CPU, more throughput. Measured as the bytes OSS received over a window once every worker is
 * uploading (a steady state, without start-up and tail), each worker count on a fresh database.
 */
export interface FleetProfile {
  readonly workerCounts: readonly number[];
  readonly files: number;
  readonly fileBytes: number;
  readonly partBytes: number;
  /** Parts in flight per worker (its connections). */
  readonly partsPerWorker: number;
  /** The emulator's cap per connection, bytes/s. */
  readonly perConnectionBandwidth: number;
  readonly warmupMs: number;
  readonly windowMs: number;
}

export const FLEET_FULL: FleetProfile = {
  workerCounts: [1, 2, 4],
  files: 36,
  fileBytes: 8 * MiB,
  partBytes: 2 * MiB,
  partsPerWorker: 2,
  perConnectionBandwidth: 2 * MB,
  warmupMs: 3_000,
  windowMs: 10_000,
};

/** npm test's smoke run: 1 and 2 workers, short windows (most of it is starting PostgreSQL and workers). */
export const FLEET_QUICK: FleetProfile = {
  ...FLEET_FULL,
  workerCounts: [1, 2],
  files: 12,
  fileBytes: 4 * MiB,
  warmupMs: 1_000,
  windowMs: 2_000,
};

export interface FleetPoint {
  readonly workers: number;
  readonly connections: number;
  readonly mbps: number;
  /** MB/s ÷ the 1-worker MB/s of the same run. */
  readonly vsOneWorker: number;
  /** MB/s ÷ what the caps allow (connections × cap): 1 when the link is the only limit. */
  readonly ofCap: number;
  /** Files finished during the window (all workers). */
  readonly filesDone: number;
  /** Exit codes after SIGTERM (a clean drain is 0). */
  readonly exitCodes: (number | null)[];
}

export interface FleetResult {
  readonly profile: FleetProfile;
  readonly points: FleetPoint[];
}

export async function measureFleet(
  scratch: string,
  profile: FleetProfile,
  log: (line: string) => void,
): Promise<FleetResult> {
  execFileSync(process.execPath, ['build/build-cli.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = join(scratch, 'fleet-nas');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= profile.files; i++) {
    writeRandomFile(join(dir, `reel-${String(i).padStart(3, '0')}.mp4`), profile.fileBytes);
  }
  const server = await startTestPostgres();
  const emu = await startEmulatorProcess({
    sink: true,
    fastHash: true,
    perConnectionBandwidth: profile.perConnectionBandwidth,
  });
  try {
    const points: FleetPoint[] = [];
    for (const workers of profile.workerCounts) {
      log(`fleet: ${workers} worker(s), ${profile.partsPerWorker} connection(s) each`);
      const point = await measureWorkers(scratch, dir, server.url, emu, profile, workers);
      const one = points[0]?.mbps ?? point.mbps;
      points.push({ ...point, vsOneWorker: round(point.mbps / one, 2) });
    }
    return { profile, points };
  } finally {
    await emu.stop();
    await server.stop();
  }
}

async function measureWorkers(
  scratch: string,
  dir: string,
  serverUrl: string,
  emu: EmulatorProcess,
  profile: FleetProfile,
  workers: number,
): Promise<Omit<FleetPoint, 'vsOneWorker'>> {
  const url = await createDatabase(serverUrl, `fleet_${workers}`);
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    ALIBABA_CLOUD_ACCESS_KEY_ID: emu.config.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.config.accessKeySecret,
    ...(emu.config.ossCaFile ? { NODE_EXTRA_CA_CERTS: emu.config.ossCaFile } : {}),
  };
  const place = ['--endpoint', emu.config.vodEndpoint, '--region', emu.config.regionId];
  const data = (name: string) => ['--data-dir', join(scratch, `fleet-${workers}-${name}`)];
  execFileSync(
    process.execPath,
    [BIN, 'upload', dir, '--queue', url, '--enqueue-only', ...data('enqueue'), ...place],
    { env, stdio: 'ignore' },
  );
  const running = Array.from({ length: workers }, (_, i) =>
    startWorker(env, [
      'worker',
      '--queue',
      url,
      '--name',
      `bench-${i + 1}`,
      ...data(`w${i + 1}`),
      ...place,
      '--json',
      '--files',
      '1',
      '--parts',
      String(profile.partsPerWorker),
      '--part-size',
      `${profile.partBytes / MiB}MiB`,
    ]),
  );
  try {
    await Promise.all(running.map((w) => w.claimed));
    await sleep(profile.warmupMs);
    const before = { bytes: (await emu.state()).bytesReceived, done: await doneCount(url), at: Date.now() };
    await sleep(profile.windowMs);
    const after = { bytes: (await emu.state()).bytesReceived, done: await doneCount(url), at: Date.now() };
    if (after.done >= profile.files) {
      throw new Error(`fleet: the queue ran dry within the window (${workers} workers): queue more files`);
    }
    const exitCodes = await Promise.all(running.map((w) => w.stop()));
    const mbps = (after.bytes - before.bytes) / MB / ((after.at - before.at) / 1000);
    const connections = workers * profile.partsPerWorker;
    return {
      workers,
      connections,
      mbps: round(mbps, 2),
      ofCap: round((mbps * MB) / (connections * profile.perConnectionBandwidth), 2),
      filesDone: after.done - before.done,
      exitCodes,
    };
  } finally {
    for (const w of running) w.kill();
  }
}

interface BenchWorker {
  readonly claimed: Promise<void>;
  stop(): Promise<number | null>;
  kill(): void;
}

function startWorker(env: NodeJS.ProcessEnv, args: string[]): BenchWorker {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const claimed = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('"team-claimed"')) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`a bench worker exited (${code}) before claiming:\n${stderr}`)),
    );
  });
  return {
    claimed,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function doneCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM team_jobs WHERE state = 'done'`,
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
