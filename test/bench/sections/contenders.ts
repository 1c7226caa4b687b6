import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { BaselineTask } from '../children/oss-baseline';
import type { EngineJobResult, EngineTask } from '../children/engine-upload';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { GiB, mbps, median } from '../lib/units';

export type ContenderName = 'engine' | 'aliOssDefault' | 'aliOssTuned' | 'rawPut';
export const CONTENDERS: readonly ContenderName[] = ['engine', 'aliOssDefault', 'aliOssTuned', 'rawPut'];

export interface Run extends ProcessMetrics {
  readonly mbps: number;
  readonly cpuSecondsPerGB: number;
  /** The main thread's part of it (Linux), the rest being the read workers' and V8's helper threads'. */
  readonly mainThreadCpuSecondsPerGB: number | undefined;
  /** The server's CRC-64 of the object equals the file's. */
  readonly crcOk: boolean;
}

export interface EngineLimits {
  readonly partSize: number;
  readonly partsInFlight: number;
}

/** ali-oss tuned to the engine's old fixed settings (8 MiB parts, 8 in parallel): the loopback and WAN runs. */
export const ALI_OSS_TUNED: EngineLimits = { partSize: 8 * 1024 * 1024, partsInFlight: 8 };

export const ENGINE_DEFAULTS: EngineLimits = {
  partSize: DEFAULT_SETTINGS.partSize,
  partsInFlight: DEFAULT_SETTINGS.partsInFlight,
};

function toRun(m: ProcessMetrics, bytes: number, crcOk: boolean): Run {
  return {
    ...m,
    mbps: mbps(bytes, m.wallMs),
    cpuSecondsPerGB: m.cpuMs / 1000 / (bytes / GiB),
    mainThreadCpuSecondsPerGB:
      m.mainThreadCpuMs === undefined ? undefined : m.mainThreadCpuMs / 1000 / (bytes / GiB),
    crcOk,
  };
}

/** One upload of `file` by the app's engine in a child process, on a fresh queue database. */
export async function engineRun(
  emu: EmulatorProcess,
  file: BenchFile,
  dataDir: string,
  limits: EngineLimits = ENGINE_DEFAULTS,
): Promise<Run> {
  const task: EngineTask = {
    config: emu.config,
    dataDir,
    paths: [file.path],
    add: true,
    settings: { ...limits, filesAtOnce: DEFAULT_SETTINGS.filesAtOnce },
  };
  const r = await runChild<ProcessMetrics & { bytes: number; jobs: EngineJobResult[] }>(
    'engine-upload',
    task,
  );
  const job = r.jobs[0];
  if (job?.state !== 'done') throw new Error(`engine upload ended ${job?.state}: ${job?.error ?? ''}`);
  return toRun(r, file.size, job.crc64 === file.crc64);
}

export async function baselineRun(
  emu: EmulatorProcess,
  file: BenchFile,
  mode: BaselineTask['mode'],
  limits: EngineLimits = ALI_OSS_TUNED,
): Promise<Run> {
  const task: BaselineTask = {
    config: emu.config,
    path: file.path,
    mode,
    ...(mode === 'ali-tuned' ? { partSize: limits.partSize, parallel: limits.partsInFlight } : {}),
  };
  const r = await runChild<ProcessMetrics & { bytes: number; crc64?: string }>('oss-baseline', task);
  return toRun(r, file.size, r.crc64 === file.crc64);
}

export interface ContenderSummary {
  readonly mbps: number;
  readonly runsMBps: number[];
  readonly cpuSecondsPerGB: number;
  /** Median of the runs' main-thread CPU per GB; undefined off Linux. */
  readonly mainThreadCpuSecondsPerGB: number | undefined;
  readonly peakRssBytes: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
  readonly crcOk: boolean;
}

function summarize(runs: readonly Run[]): ContenderSummary {
  return {
    mbps: median(runs.map((r) => r.mbps)),
    runsMBps: runs.map((r) => r.mbps),
    cpuSecondsPerGB: median(runs.map((r) => r.cpuSecondsPerGB)),
    mainThreadCpuSecondsPerGB: runs.every((r) => r.mainThreadCpuSecondsPerGB !== undefined)
      ? median(runs.map((r) => r.mainThreadCpuSecondsPerGB as number))
      : undefined,
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    eventLoopP99Ms: Math.max(...runs.map((r) => r.eventLoopP99Ms)),
    eventLoopMaxMs: Math.max(...runs.map((r) => r.eventLoopMaxMs)),
    crcOk: runs.every((r) => r.crcOk),
  };
}

/**
 * The four contenders, `rounds` times, interleaved (engine, ali-oss defaults, ali-oss tuned, raw PUT, then
 * again) so that noise from the shared machine spreads over all of them rather than hitting one.
 */
export async function compareContenders(
  emu: EmulatorProcess,
  file: BenchFile,
  rounds: number,
  scratch: string,
  log: (line: string) => void,
): Promise<Record<ContenderName, ContenderSummary>> {
  return (await compareOver({ only: emu }, file, rounds, scratch, log)).only;
}

export type Transport = 'https' | 'http';

/**
 * The same comparison over HTTPS and over plain HTTP, each round on both (HTTPS round 1, HTTP round 1, HTTPS
 * round 2, …): what TLS costs every contender, measured in the same minutes of the shared machine.
 */
export function compareTransports(
  emus: Record<Transport, EmulatorProcess>,
  file: BenchFile,
  rounds: number,
  scratch: string,
  log: (line: string) => void,
): Promise<Record<Transport, Record<ContenderName, ContenderSummary>>> {
  return compareOver(emus, file, rounds, scratch, log);
}

async function compareOver<K extends string>(
  emus: Record<K, EmulatorProcess>,
  file: BenchFile,
  rounds: number,
  scratch: string,
  log: (line: string) => void,
): Promise<Record<K, Record<ContenderName, ContenderSummary>>> {
  const labels = Object.keys(emus) as K[];
  const runs = new Map<K, Record<ContenderName, Run[]>>(
    labels.map((k) => [k, { engine: [], aliOssDefault: [], aliOssTuned: [], rawPut: [] }]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const label of labels) {
      const emu = emus[label];
      for (const name of CONTENDERS) {
        const run =
          name === 'engine'
            ? await engineRun(emu, file, join(scratch, `engine-${label}-${round}-${Date.now()}`))
            : await baselineRun(
                emu,
                file,
                name === 'aliOssDefault' ? 'ali-default' : name === 'aliOssTuned' ? 'ali-tuned' : 'raw-put',
              );
        runs.get(label)![name].push(run);
        const over = labels.length > 1 ? ` ${label}` : '';
        log(
          `  ${name}${over} round ${round + 1}: ${run.mbps.toFixed(1)} MB/s, ${(run.cpuMs / 1000).toFixed(1)} s CPU`,
        );
      }
    }
  }
  const out = {} as Record<K, Record<ContenderName, ContenderSummary>>;
  for (const [label, r] of runs) {
    out[label] = {
      engine: summarize(r.engine),
      aliOssDefault: summarize(r.aliOssDefault),
      aliOssTuned: summarize(r.aliOssTuned),
      rawPut: summarize(r.rawPut),
    };
  }
  return out;
}

/** Issue 15's loopback targets over one transport: ratios of the same run, CRC on. */
export function loopbackTargets(
  loop: Record<ContenderName, ContenderSummary>,
  transport: Transport,
): { name: string; measured: string; met: boolean }[] {
  const over = transport === 'https' ? 'HTTPS' : 'plain HTTP';
  const pct = (x: number): string => `${Math.round(100 * x)}%`;
  const two = (x: number): number => Math.round(x * 100) / 100;
  const { engine, aliOssTuned, rawPut } = loop;
  return [
    {
      name: `loopback (${over}): engine ≥ 1.0× ali-oss tuned, CRC on`,
      measured: `${two(engine.mbps / aliOssTuned.mbps)}× (${two(engine.mbps)} / ${two(aliOssTuned.mbps)} MB/s)`,
      met: engine.crcOk && engine.mbps >= aliOssTuned.mbps,
    },
    {
      name: `loopback (${over}): engine ≥ 85% of raw PUT, CRC on`,
      measured: `${pct(engine.mbps / rawPut.mbps)} (raw PUT ${two(rawPut.mbps)} MB/s)`,
      met: engine.crcOk && engine.mbps >= 0.85 * rawPut.mbps,
    },
    {
      name: `CPU ≤ 1.2 CPU-s per GB, CRC on (loopback, ${over})`,
      measured: `${two(engine.cpuSecondsPerGB)} s/GB (ali-oss tuned ${two(aliOssTuned.cpuSecondsPerGB)}, raw PUT ${two(rawPut.cpuSecondsPerGB)}; neither hashes)`,
      met: engine.cpuSecondsPerGB <= 1.2,
    },
  ];
}
