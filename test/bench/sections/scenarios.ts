import { join } from 'node:path';
import type { EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import { MB, round } from '../lib/units';
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
}

function contender(run: Run | Error, linkMBps: number): ScenarioContender {
  if (run instanceof Error) return { mbps: 0, ofLink: 0, crcOk: false, peakRssBytes: 0, error: run.message };
  return {
    mbps: round(run.mbps),
    ofLink: round(run.mbps / linkMBps, 2),
    crcOk: run.crcOk,
    peakRssBytes: run.peakRssBytes,
  };
}

async function attempt(run: () => Promise<Run>): Promise<Run | Error> {
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
  file: BenchFile,
  scratch: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const emu = await start(scenario);
  const linkMBps = scenario.bandwidth / MB;
  try {
    const engine = await attempt(() =>
      engineRun(emu, file, join(scratch, `scenario-${scenario.name}-${Date.now()}`)),
    );
    log(
      `  ${scenario.name}: engine ${engine instanceof Error ? engine.message : `${engine.mbps.toFixed(1)} MB/s`}`,
    );
    const aliDefault = await attempt(() => baselineRun(emu, file, 'ali-default'));
    log(
      `  ${scenario.name}: ali-oss defaults ${aliDefault instanceof Error ? aliDefault.message : `${aliDefault.mbps.toFixed(1)} MB/s`}`,
    );
    const aliTuned = await attempt(() => baselineRun(emu, file, 'ali-tuned', ALI_OSS_TUNED_FAR));
    log(
      `  ${scenario.name}: ali-oss tuned ${aliTuned instanceof Error ? aliTuned.message : `${aliTuned.mbps.toFixed(1)} MB/s`}`,
    );
    return {
      scenario,
      fileBytes: file.size,
      engine: contender(engine, linkMBps),
      aliOssDefault: contender(aliDefault, linkMBps),
      aliOssTuned: contender(aliTuned, linkMBps),
    };
  } finally {
    await emu.stop();
  }
}
