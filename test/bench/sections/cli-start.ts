import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import type { NewJob } from '../../../electron/core/queue/jobs-repository-port';
import { round } from '../lib/units';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/vod-upload.mjs');

export interface CliStartResult {
  readonly runs: number;
  /** Bare `node -e 0` on this machine now: the floor any Node CLI stands on (the baseline). */
  readonly nodeMs: number;
  readonly helpMs: number;
  readonly statusJobs: number;
  readonly statusMs: number;
  /** CPU time (user + system) of one start, less sensitive to other work on the machine than wall time. */
  readonly helpCpuMs: number;
  readonly statusCpuMs: number;
  readonly helpVsNode: number;
  readonly statusVsNode: number;
}

/**
 * How fast `vod-upload` starts, as a user runs it (node bin/vod-upload.mjs: the bundle in out/cli): `--help`,
 * and `status` on a queue of `jobs` rows. Medians of `runs` starts each, interleaved with bare `node -e 0`
 * starts so the ratios hold on a loaded machine.
 */
export function measureCliStart(scratch: string, jobs: number, runs: number): CliStartResult {
  execFileSync(process.execPath, ['build/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dataDir = join(scratch, 'cli-start-data');
  fillQueue(dataDir, jobs);
  const env = { PATH: process.env['PATH'] ?? '', HOME: scratch, VOD_UPLOADER_DATA_DIR: dataDir };

  const node: Sample[] = [];
  const help: Sample[] = [];
  const status: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(['-e', '0'], env));
    help.push(timed([BIN, '--help'], env));
    status.push(timed([BIN, 'status'], env, (out) => out.includes(`${jobs} job(s)`)));
  }
  const nodeMs = median(node.map((s) => s.wallMs));
  const helpMs = median(help.map((s) => s.wallMs));
  const statusMs = median(status.map((s) => s.wallMs));
  return {
    runs,
    nodeMs: round(nodeMs, 0),
    helpMs: round(helpMs, 0),
    statusJobs: jobs,
    statusMs: round(statusMs, 0),
    helpCpuMs: round(median(help.map((s) => s.cpuMs)), 0),
    statusCpuMs: round(median(status.map((s) => s.cpuMs)), 0),
    helpVsNode: round(helpMs / nodeMs, 2),
    statusVsNode: round(statusMs / nodeMs, 2),
  };
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv, check?: (stdout: string) => boolean): Sample {
  const cpuBefore = childrenCpuMs();
  const t = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (run.status !== 0 || (check && !check(run.stdout))) {
    throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}${run.stdout.slice(0, 500)}`);
  }
  return { wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

/**
 * CPU time of this process's waited-for children (Linux /proc: cutime + cstime, in clock ticks of 10 ms);
 * Node exposes no RUSAGE_CHILDREN. 0 elsewhere.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** The 10,000-job queue `status` reads: rows only (status never opens the files). */
function fillQueue(dataDir: string, jobs: number): void {
  const database = openDatabase(join(dataDir, QUEUE_DB_FILE));
  try {
    const store = createQueueStore(database.db);
    if (store.jobs.totals().jobs >= jobs) return;
    const rows: NewJob[] = [];
    for (let i = 0; i < jobs; i++) {
      const dir = `reel-${String(Math.floor(i / 100)).padStart(3, '0')}`;
      const name = `clip-${String(i).padStart(5, '0')}.mp4`;
      rows.push({
        id: `bench-${i}`,
        path: join('/bench', dir, name),
        root: '/bench',
        relativeDir: dir,
        name,
        kind: 'video',
        businessType: null,
        size: 1024 * 1024 * (1 + (i % 50)),
        mtimeMs: 1_700_000_000_000 + i,
        profileId: null,
        title: name,
        metadata: { titleTemplate: '{name}', tags: [] },
      });
    }
    store.jobs.insertMany(rows);
  } finally {
    database.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
