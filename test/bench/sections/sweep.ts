import { join } from 'node:path';
import type { EngineJobResult, EngineTask } from '../children/engine-upload';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import { writeRandomFile, type BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { mbps, MiB } from '../lib/units';
import { ENGINE_DEFAULTS } from './contenders';
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

export interface FilesAtOncePoint {
  readonly filesAtOnce: number;
  readonly files: number;
  readonly fileBytes: number;
  readonly mbps: number;
}

/** A batch of files smaller than one part (one PutObject each) with the default part settings. */
export async function filesAtOnceSweep(
  emu: EmulatorProcess,
  scratch: string,
  options: { count: number; size: number; filesAtOnce: readonly number[] },
  log: (line: string) => void,
): Promise<FilesAtOncePoint[]> {
  const paths: string[] = [];
  for (let i = 0; i < options.count; i++) {
    paths.push(writeRandomFile(join(scratch, `small-${String(i).padStart(3, '0')}.mp4`), options.size).path);
  }
  const points: FilesAtOncePoint[] = [];
  for (const filesAtOnce of options.filesAtOnce) {
    const task: EngineTask = {
      config: emu.config,
      dataDir: join(scratch, `files-at-once-${filesAtOnce}-${Date.now()}`),
      paths,
      add: true,
      settings: { ...ENGINE_DEFAULTS, filesAtOnce },
    };
    const r = await runChild<ProcessMetrics & { bytes: number; jobs: EngineJobResult[] }>(
      'engine-upload',
      task,
    );
    const done = r.jobs.filter((j) => j.state === 'done').length;
    if (done !== options.count)
      throw new Error(`files-at-once ${filesAtOnce}: ${done}/${options.count} done`);
    const point = {
      filesAtOnce,
      files: options.count,
      fileBytes: options.size,
      mbps: mbps(r.bytes, r.wallMs),
    };
    log(
      `  ${options.count} × ${options.size / MiB} MiB, ${filesAtOnce} at once: ${point.mbps.toFixed(1)} MB/s`,
    );
    points.push(point);
  }
  return points;
}
