import { join } from 'node:path';
import { shortReason } from '../lib/child';
import { startEmulatorProcess, type EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import { MB, round } from '../lib/units';
import { aliBatch, engineBatch, type BatchProfile, type BatchRun } from './batch';
import { betterCeiling, machineCeiling, type MachineCeiling } from './ceiling';
import { baselineRun, engineRun, type Run } from './contenders';

/** Where users are: one stream's share of the path, the link, the round trip, and resets. */
export interface Scenario {
  readonly name: 'near' | 'regional' | 'far' | 'far-lossy';
  readonly latencyMs: number;
  readonly perConnectionBandwidth: number;
  readonly bandwidth: number;
  readonly resetRate: number;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'near', latencyMs: 5, perConnectionBandwidth: 50 * MB, bandwidth: 1000 * MB, resetRate: 0 },
  { name: 'regional', latencyMs: 40, perConnectionBandwidth: 25 * MB, bandwidth: 100 * MB, resetRate: 0 },
  { name: 'far', latencyMs: 200, perConnectionBandwidth: 2 * MB, bandwidth: 200 * MB, resetRate: 0 },
  { name: 'far-lossy', latencyMs: 200, perConnectionBandwidth: 2 * MB, bandwidth: 200 * MB, resetRate: 0.01 },
];

/** The emulator as a scenario's path: a sink hashing with the WASM/native CRC-64, the path's network and resets. */
export function scenarioEmulator(scenario: Scenario): Promise<EmulatorProcess> {
  return startEmulatorProcess({
    sink: true,
    fastHash: true,
    latency: scenario.latencyMs,
    bandwidth: scenario.bandwidth,
    perConnectionBandwidth: scenario.perConnectionBandwidth,
    ...(scenario.resetRate > 0 ? { resetRate: scenario.resetRate, seed: 15 } : {}),
  });
}

/** ali-oss as someone who read its docs would set it for a long path: 8 MiB parts, 64 in parallel. */
export const ALI_OSS_TUNED_FAR = { partSize: 8 * 1024 * 1024, partsInFlight: 64 };

export interface ScenarioContender {
  readonly mbps: number;
  /** Share of the link used. */
  readonly ofLink: number;
  readonly crcOk: boolean;
  readonly peakRssBytes: number;
  /** Why the run did not finish (ali-oss gives up after its own retries on a lossy path). */
  readonly error?: string;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly fileBytes: number;
  readonly engine: ScenarioContender;
  readonly aliOssDefault: ScenarioContender;
  readonly aliOssTuned: ScenarioContender;
  /** Raw PUTs at once, no hashing (sections/ceiling.ts): the attempt at what the machine moves here at all. */
  readonly ceiling: MachineCeiling;
  /**
   * This machine's ceiling on the path as far as the run shows: the most any run moved on it (the raw PUTs or
   * a contender, big file or batch). On a loaded machine a contender sometimes beats the raw PUTs' runs.
   */
  readonly machine: PathBest;
  /** The batch of small files (each one PutObject for the engine), when the profile has one. */
  readonly batch: {
    readonly files: number;
    readonly fileBytes: number;
    /** How many of the files ali-oss defaults (one after another) was timed on. */
    readonly aliDefaultFiles: number;
    readonly engine: ScenarioContender;
    readonly aliOssDefault: ScenarioContender;
    readonly aliOssTuned: ScenarioContender;
  } | null;
}

export interface PathBest {
  readonly mbps: number;
  readonly ofLink: number;
  /** Which run moved it. */
  readonly by: string;
}

function mostMoved(
  r: Pick<ScenarioResult, 'engine' | 'aliOssDefault' | 'aliOssTuned' | 'ceiling' | 'batch'>,
): PathBest {
  const runs: [string, { mbps: number; ofLink: number; error?: string }][] = [
    [`raw PUT ×${r.ceiling.lanes}`, r.ceiling],
    ['engine', r.engine],
    ['ali-oss defaults', r.aliOssDefault],
    ['ali-oss tuned', r.aliOssTuned],
  ];
  if (r.batch !== null) {
    runs.push(['engine, batch', r.batch.engine], ['ali-oss tuned, batch', r.batch.aliOssTuned]);
  }
  const none: PathBest = { mbps: 0, ofLink: 0, by: 'nothing finished' };
  return runs
    .filter(([, c]) => c.error === undefined)
    .reduce((a, [by, c]) => (c.mbps > a.mbps ? { mbps: c.mbps, ofLink: c.ofLink, by } : a), none);
}

function contender(run: Run | BatchRun | Error, linkMBps: number): ScenarioContender {
  if (run instanceof Error) return { mbps: 0, ofLink: 0, crcOk: false, peakRssBytes: 0, error: run.message };
  return {
    mbps: round(run.mbps),
    ofLink: round(run.mbps / linkMBps, 2),
    crcOk: run.crcOk,
    peakRssBytes: run.peakRssBytes,
  };
}

/** The big file's contenders when only the batch was asked for. */
const BATCH_ONLY = 'not run (--batch-only)';

async function attempt<T>(run: () => Promise<T>): Promise<T | Error> {
  try {
    return await run();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * One big file per scenario through three contenders: the engine untuned (its defaults: adaptive
 * concurrency finds the connections), ali-oss multipartUpload with its defaults, and ali-oss tuned for a long
 * path. The emulator is a sink with the scenario's network; the link is its total cap.
 */
export async function runScenario(
  start: (s: Scenario) => Promise<EmulatorProcess>,
  scenario: Scenario,
  file: BenchFile | undefined,
  scratch: string,
  log: (line: string) => void,
  batch: { files: readonly BenchFile[]; profile: BatchProfile } | null = null,
  engineOnly = false,
): Promise<ScenarioResult> {
  const emu = await start(scenario);
  const linkMBps = scenario.bandwidth / MB;
  // No big file (--batch-only): only the batch runs.
  const big = <T>(run: (file: BenchFile) => Promise<T>): Promise<T | Error> =>
    attempt(() => (file === undefined ? Promise.reject(new Error(BATCH_ONLY)) : run(file)));
  // What this machine moves on the path at all: before the contenders and after them, the better kept.
  const ceilingRun = async (): Promise<MachineCeiling> =>
    file === undefined
      ? { lanes: 0, mbps: 0, ofLink: 0, cpuSecondsPerGB: 0, resent: 0, runsMBps: [], error: BATCH_ONLY }
      : machineCeiling(emu, file, scenario);
  try {
    const ceilingBefore = await ceilingRun();
    const engine = await big((file) =>
      engineRun(emu, file, join(scratch, `scenario-${scenario.name}-${Date.now()}`)),
    );
    log(
      `  ${scenario.name}: engine ${engine instanceof Error ? engine.message : `${engine.mbps.toFixed(1)} MB/s`}`,
    );
    const skipped = (): Promise<Run> => Promise.reject(new Error('not run (--engine-only)'));
    const aliDefault = await big((file) => (engineOnly ? skipped() : baselineRun(emu, file, 'ali-default')));
    log(
      `  ${scenario.name}: ali-oss defaults ${aliDefault instanceof Error ? aliDefault.message : `${aliDefault.mbps.toFixed(1)} MB/s`}`,
    );
    const aliTuned = await big((file) =>
      engineOnly ? skipped() : baselineRun(emu, file, 'ali-tuned', ALI_OSS_TUNED_FAR),
    );
    log(
      `  ${scenario.name}: ali-oss tuned ${aliTuned instanceof Error ? aliTuned.message : `${aliTuned.mbps.toFixed(1)} MB/s`}`,
    );
    const ceiling = betterCeiling([ceilingBefore, await ceilingRun()]);
    log(
      `  ${scenario.name}: raw PUT ×${ceiling.lanes}, no hashing: ${ceiling.error ?? `${ceiling.mbps.toFixed(1)} MB/s (runs ${ceiling.runsMBps.join(', ')})`}`,
    );
    const result = {
      scenario,
      fileBytes: file?.size ?? 0,
      engine: contender(engine, linkMBps),
      aliOssDefault: contender(aliDefault, linkMBps),
      aliOssTuned: contender(aliTuned, linkMBps),
      ceiling,
      batch: batch === null ? null : await runBatch(emu, scenario, batch, scratch, log, engineOnly),
    };
    return { ...result, machine: mostMoved(result) };
  } finally {
    await emu.stop();
  }
}

async function runBatch(
  emu: EmulatorProcess,
  scenario: Scenario,
  batch: { files: readonly BenchFile[]; profile: BatchProfile },
  scratch: string,
  log: (line: string) => void,
  engineOnly: boolean,
): Promise<NonNullable<ScenarioResult['batch']>> {
  const linkMBps = scenario.bandwidth / MB;
  const { files, profile } = batch;
  const show = (name: string, r: BatchRun | Error): void =>
    log(
      `  ${scenario.name} batch: ${name} ${r instanceof Error ? r.message : `${r.mbps.toFixed(1)} MB/s, ${(r.cpuMs / 1000).toFixed(1)} CPU-s`}`,
    );
  const engine = await attempt(() =>
    engineBatch(emu, files, join(scratch, `batch-${scenario.name}-${Date.now()}`)),
  );
  show('engine', engine);
  const someFiles = files.slice(0, profile.aliDefaultFiles);
  const skipped = (): Promise<BatchRun> => Promise.reject(new Error('not run (--engine-only)'));
  const aliDefault = await attempt(() =>
    engineOnly ? skipped() : aliBatch(emu, someFiles, 'ali-default', 1),
  );
  show(`ali-oss defaults (${someFiles.length} files, one at a time)`, aliDefault);
  const aliTuned = await attempt(() =>
    engineOnly ? skipped() : aliBatch(emu, files, 'ali-tuned', profile.aliTunedFilesAtOnce),
  );
  show(`ali-oss tuned (put, ${profile.aliTunedFilesAtOnce} at once)`, aliTuned);
  return {
    files: files.length,
    fileBytes: profile.fileBytes,
    aliDefaultFiles: someFiles.length,
    engine: contender(engine, linkMBps),
    aliOssDefault: contender(aliDefault, linkMBps),
    aliOssTuned: contender(aliTuned, linkMBps),
  };
}

/** The scenario targets of issue 15, for the run's target table. */
export function scenarioTargets(
  scenarios: readonly ScenarioResult[],
): { name: string; measured: string; met: boolean }[] {
  const out: { name: string; measured: string; met: boolean }[] = [];
  for (const s of scenarios) {
    const share = (c: ScenarioContender, target: number): { measured: string; met: boolean } => {
      const met = c.error === undefined && c.ofLink >= target && c.crcOk;
      const measured =
        c.error !== undefined ? `failed: ${shortReason(c.error)}` : `${pct(c.ofLink)} (${c.mbps} MB/s)`;
      // A miss says how much of the link this machine could fill at all: the machine's limit or the engine's.
      return { met, measured: met ? measured : `${measured}; ${ceilingNote(s.machine)}` };
    };
    const bigRun = s.engine.error !== BATCH_ONLY;
    if (bigRun)
      out.push({
        name: `${s.scenario.name}: engine untuned ≥ 90% of the link (one big file)`,
        ...share(s.engine, 0.9),
      });
    if (s.batch !== null) {
      out.push({
        name: `${s.scenario.name}: engine untuned ≥ 60% of the link (${s.batch.files} × ${s.batch.fileBytes / 2 ** 20} MiB)`,
        ...share(s.batch.engine, 0.6),
      });
    }
    // Not judged when ali-oss was not run (--engine-only); judged met when it failed and the engine finished.
    const aliRun = !(s.aliOssDefault.error ?? '').startsWith('not run');
    if (bigRun && aliRun && s.scenario.name.startsWith('far')) {
      const vs = s.aliOssDefault.mbps > 0 ? round(s.engine.mbps / s.aliOssDefault.mbps, 2) : Infinity;
      out.push({
        name: `${s.scenario.name}: engine ≥ 3× ali-oss defaults (big file)`,
        measured: Number.isFinite(vs)
          ? `${vs}×`
          : `engine finished, ali-oss defaults failed (${shortReason(s.aliOssDefault.error ?? '')})`,
        met: s.engine.error === undefined && vs >= 3,
      });
    }
  }
  return out;
}

const pct = (x: number): string => `${round(100 * x, 0)}%`;

/** "this machine's ceiling here: 330 MB/s (33% of the link, raw PUT ×40)", for a target row. */
export function ceilingNote(m: PathBest): string {
  return `this machine's ceiling here: ${m.mbps} MB/s (${pct(m.ofLink)} of the link, ${m.by})`;
}

/** The ceiling's table cell. */
export function machineCell(m: PathBest): string {
  return `${m.mbps} (${pct(m.ofLink)}), ${m.by}`;
}

/** A contender's or the raw PUTs' table cell: MB/s (share of the link), or why it did not finish. */
export function scenarioCell(c: { mbps: number; ofLink: number; error?: string }): string {
  if (c.error === undefined) return `${c.mbps} (${pct(c.ofLink)})`;
  return c.error.startsWith('not run') ? c.error : `failed (${shortReason(c.error)})`;
}
