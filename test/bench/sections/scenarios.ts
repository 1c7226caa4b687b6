import { join } from 'node:path';
import type { EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import { MB, round } from '../lib/units';
import { aliBatch, engineBatch, type BatchProfile, type BatchRun } from './batch';
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
  try {
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
    return {
      scenario,
      fileBytes: file?.size ?? 0,
      engine: contender(engine, linkMBps),
      aliOssDefault: contender(aliDefault, linkMBps),
      aliOssTuned: contender(aliTuned, linkMBps),
      batch: batch === null ? null : await runBatch(emu, scenario, batch, scratch, log, engineOnly),
    };
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
  const pct = (x: number): string => `${round(100 * x, 0)}%`;
  const out: { name: string; measured: string; met: boolean }[] = [];
  for (const s of scenarios) {
    const bigRun = s.engine.error !== BATCH_ONLY;
    if (bigRun)
      out.push({
        name: `${s.scenario.name}: engine untuned ≥ 90% of the link (one big file)`,
        measured: `${pct(s.engine.ofLink)} (${s.engine.mbps} MB/s)`,
        met: s.engine.ofLink >= 0.9 && s.engine.crcOk,
      });
    if (s.batch !== null) {
      const b = s.batch.engine;
      out.push({
        name: `${s.scenario.name}: engine untuned ≥ 60% of the link (${s.batch.files} × ${s.batch.fileBytes / 2 ** 20} MiB)`,
        measured:
          b.error !== undefined ? `failed: ${b.error.slice(0, 60)}` : `${pct(b.ofLink)} (${b.mbps} MB/s)`,
        met: b.ofLink >= 0.6 && b.crcOk,
      });
    }
    if (bigRun && s.scenario.name.startsWith('far')) {
      const vs = s.aliOssDefault.mbps > 0 ? round(s.engine.mbps / s.aliOssDefault.mbps, 2) : Infinity;
      out.push({
        name: `${s.scenario.name}: engine ≥ 3× ali-oss defaults (big file)`,
        measured: Number.isFinite(vs)
          ? `${vs}×`
          : `ali-oss defaults failed (${s.aliOssDefault.error?.slice(0, 50) ?? ''})`,
        met: vs >= 3,
      });
    }
  }
  return out;
}
