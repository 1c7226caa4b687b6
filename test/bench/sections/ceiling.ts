import type { BaselineTask } from '../children/oss-baseline';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { GiB, MB, mbps, round } from '../lib/units';

/**
 * What this machine can move over a scenario's path at all: the raw PUT contender as `lanes` PutObjects at
 * once, one range of the file each, with no hashing on the client and no multipart bookkeeping (the emulator
 * still hashes every byte, as it does for every contender). A contender's rate far below the link but close to
 * this is held by the machine, not by its own choices. Measured twice per scenario, before the contenders and
 * after them, and the better run kept: on a shared machine one run can land in a busy minute.
 */
/** What the ceiling needs of a scenario (sections/scenarios.ts imports this file: no import back). */
export interface PathModel {
  readonly bandwidth: number;
  readonly perConnectionBandwidth: number;
}

export interface MachineCeiling {
  readonly lanes: number;
  readonly mbps: number;
  /** Share of the link. */
  readonly ofLink: number;
  readonly cpuSecondsPerGB: number;
  /** PUTs a reset cut off and that were sent again. */
  readonly resent: number;
  /** MB/s of every run that finished. */
  readonly runsMBps: readonly number[];
  readonly error?: string;
}

/** The better of the runs that finished (the first run's error when none did). */
export function betterCeiling(runs: readonly MachineCeiling[]): MachineCeiling {
  const finished = runs.filter((r) => r.error === undefined);
  if (finished.length === 0) return runs[0]!;
  const best = finished.reduce((a, b) => (b.mbps > a.mbps ? b : a));
  return { ...best, runsMBps: finished.map((r) => r.mbps) };
}

/**
 * Enough PUTs to fill the link twice over at the path's per-connection rate (so round trips between requests
 * and a slow connection do not hold it back), at least 8, at most the engine's hard cap of 128.
 */
export function ceilingLanes(scenario: PathModel): number {
  const fill = Math.ceil((2 * scenario.bandwidth) / scenario.perConnectionBandwidth);
  return Math.min(128, Math.max(8, fill));
}

export async function machineCeiling(
  emu: EmulatorProcess,
  file: BenchFile,
  scenario: PathModel,
): Promise<MachineCeiling> {
  const lanes = ceilingLanes(scenario);
  const linkMBps = scenario.bandwidth / MB;
  const task: BaselineTask = { config: emu.config, path: file.path, mode: 'raw-put', lanes };
  try {
    const r = await runChild<ProcessMetrics & { bytes: number; resent: number }>('oss-baseline', task);
    const rate = mbps(r.bytes, r.wallMs);
    return {
      lanes,
      mbps: round(rate),
      ofLink: round(rate / linkMBps, 2),
      cpuSecondsPerGB: round(r.cpuMs / 1000 / (r.bytes / GiB), 2),
      resent: r.resent,
      runsMBps: [round(rate)],
    };
  } catch (error) {
    const message = (error as Error).message;
    return { lanes, mbps: 0, ofLink: 0, cpuSecondsPerGB: 0, resent: 0, runsMBps: [], error: message };
  }
}
