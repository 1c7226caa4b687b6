import { join } from 'node:path';
import type { EmulatorProcess } from '../lib/emulator-process';
import type { BenchFile } from '../lib/files';
import { MiB } from '../lib/units';
import { engineRun } from './contenders';

export interface SweepPoint {
  readonly partSizeMiB: number;
  readonly partsInFlight: number;
  readonly mbps: number;
  readonly cpuSecondsPerGB: number;
  readonly peakRssBytes: number;
}

/** The engine alone over a grid of part sizes × parts in flight, one run each, on one emulator setup. */
export async function sweep(
  emu: EmulatorProcess,
  file: BenchFile,
  scratch: string,
  grid: { partSizesMiB: readonly number[]; partsInFlight: readonly number[] },
  log: (line: string) => void,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const partSizeMiB of grid.partSizesMiB) {
    for (const parts of grid.partsInFlight) {
      const run = await engineRun(emu, file, join(scratch, `sweep-${partSizeMiB}-${parts}-${Date.now()}`), {
        partSize: partSizeMiB * MiB,
        partsInFlight: parts,
      });
      log(`  ${partSizeMiB} MiB × ${parts}: ${run.mbps.toFixed(1)} MB/s`);
      points.push({
        partSizeMiB,
        partsInFlight: parts,
        mbps: run.mbps,
        cpuSecondsPerGB: run.cpuSecondsPerGB,
        peakRssBytes: run.peakRssBytes,
      });
    }
  }
  return points;
}
