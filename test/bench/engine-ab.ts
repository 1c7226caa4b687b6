/**
 * `npx tsx test/bench/engine-ab.ts --build A --build B [--rounds N] [--mib N] [--baselines ali-tuned,raw-put]`:
 * two builds of the engine (checkouts, e.g. two worktrees, each with node_modules and the CRC-64 addon built)
 * uploading the same file over loopback HTTPS to one `--fast-hash` emulator, alternated run by run (A B A B …,
 * the baselines after each round), so that the load other work puts on a shared machine spreads over both. Each
 * run is the build's own `test/bench/children/engine-upload.ts` in a fresh process at DEFAULT_SETTINGS; the
 * baselines are this checkout's `oss-baseline` children. Prints every run and the medians: MB/s, CPU-s per GiB
 * (all threads, and the main thread alone on Linux) and event-loop delay, with the load average at each run.
 * `--build` may carry environment for its runs after a `@`: `--build /work/wt/x@VOD_UPLOADER_CRC64=wasm`.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { RESULT_PREFIX } from './lib/child';
import { startEmulatorProcess } from './lib/emulator-process';
import { benchTempDir, writeRandomFile } from './lib/files';
import type { ProcessMetrics } from './lib/process-metrics';
import { GiB, MiB, mbps, median, round } from './lib/units';

const { values } = parseArgs({
  options: {
    build: { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '3' },
    mib: { type: 'string', default: '1024' },
    baselines: { type: 'string', default: '' },
  },
});
const builds = values.build.map((spec) => {
  const [dir = '', ...env] = spec.split('@');
  const vars = Object.fromEntries(env.map((kv) => kv.split('=') as [string, string]));
  return { dir, vars, label: spec };
});
if (builds.length === 0) throw new Error('Name at least one build: --build <checkout>[@VAR=value]');
const baselines = values.baselines.split(',').filter((b) => b !== '');
for (const b of baselines) {
  if (b !== 'ali-tuned' && b !== 'ali-default' && b !== 'raw-put') throw new Error(`Unknown baseline ${b}`);
}

interface Row {
  readonly who: string;
  readonly mbps: number;
  readonly cpuPerGiB: number;
  readonly mainPerGiB: number | undefined;
  readonly p99: number;
  readonly max: number;
  readonly load: number;
}

/** Runs one bench child from `dir` and returns its result line. */
function runChild(dir: string, child: string, task: unknown, vars: Record<string, string>): Promise<unknown> {
  const caFile = (task as { config: { ossCaFile?: string } }).config.ossCaFile;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(dir, 'test/bench/children', `${child}.ts`)], {
      cwd: dir,
      env: {
        ...process.env,
        ...vars,
        BENCH_TASK: JSON.stringify(task),
        ...(caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += String(d)));
    p.stderr.on('data', (d: Buffer) => (err = (err + String(d)).slice(-4000)));
    p.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (line === undefined)
        reject(new Error(`${child} in ${dir} exited ${code} without a result:\n${err}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
    });
  });
}

/** This checkout, whose baseline children run the contenders that are not the engine. */
const HERE = fileURLToPath(new URL('../..', import.meta.url));
const scratch = benchTempDir('vod-engine-ab-');
const file = writeRandomFile(join(scratch.dir, 'loop.mp4'), Number(values.mib) * MiB);
const emu = await startEmulatorProcess({ sink: true, fastHash: true });
const rows: Row[] = [];
const record = (who: string, m: ProcessMetrics, load: number): void => {
  const gib = file.size / GiB;
  const row: Row = {
    who,
    mbps: round(mbps(file.size, m.wallMs)),
    cpuPerGiB: round(m.cpuMs / 1000 / gib, 2),
    mainPerGiB: m.mainThreadCpuMs === undefined ? undefined : round(m.mainThreadCpuMs / 1000 / gib, 2),
    p99: round(m.eventLoopP99Ms),
    max: round(m.eventLoopMaxMs),
    load: round(load, 1),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
};
try {
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const [i, build] of builds.entries()) {
      const load = loadavg()[0] ?? 0;
      const task = {
        config: emu.config,
        dataDir: join(scratch.dir, `engine-${i}-${r}`),
        paths: [file.path],
        add: true,
        settings: {
          partSize: DEFAULT_SETTINGS.partSize,
          partsInFlight: DEFAULT_SETTINGS.partsInFlight,
          filesAtOnce: DEFAULT_SETTINGS.filesAtOnce,
        },
      };
      const res = (await runChild(build.dir, 'engine-upload', task, build.vars)) as ProcessMetrics & {
        jobs: { state: string; crc64: string | null }[];
      };
      const job = res.jobs[0];
      if (job?.state !== 'done' || job.crc64 !== file.crc64) {
        throw new Error(`${build.label}: the upload ended ${job?.state}`);
      }
      record(build.label, res, load);
    }
    for (const mode of baselines) {
      const load = loadavg()[0] ?? 0;
      const task = {
        config: emu.config,
        path: file.path,
        mode,
        ...(mode === 'ali-tuned' ? { partSize: 8 * MiB, parallel: 8 } : {}),
      };
      record(mode, (await runChild(HERE, 'oss-baseline', task, {})) as ProcessMetrics, load);
    }
  }
} finally {
  await emu.stop();
  scratch.cleanup();
}
for (const who of [...new Set(rows.map((r) => r.who))]) {
  const mine = rows.filter((r) => r.who === who);
  const list = (pick: (r: Row) => number | undefined): string =>
    `${round(median(mine.map((r) => pick(r) ?? Number.NaN)), 2)} [${mine.map(pick).join(', ')}]`;
  console.log(
    `${who}: MB/s ${list((r) => r.mbps)}; CPU-s/GiB ${list((r) => r.cpuPerGiB)}; main thread ${list((r) => r.mainPerGiB)}; event loop p99 ${list((r) => r.p99)}, max ${Math.max(...mine.map((r) => r.max))} ms; load ${list((r) => r.load)}`,
  );
}
