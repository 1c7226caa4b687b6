import { join } from 'node:path';
import type { EngineJobResult, EngineTask } from '../children/engine-upload';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import { writeRandomFile, type BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { mbps, median, MiB } from '../lib/units';
import { ENGINE_DEFAULTS, engineRun, type Run } from './contenders';

export interface SweepPoint {
  readonly partSizeMiB: number;
  readonly partsInFlight: number;
  readonly mbps: number;
  readonly runsMBps: number[];
  readonly cpuSecondsPerGB: number;
  readonly peakRssBytes: number;
}

/**
 * The engine alone over a grid of part sizes × parts in flight on one emulator setup. With several rounds
 * the grid is walked once per round (interleaved, so load from other work spreads over every cell) and each
 * cell reports its median.
 */
export async function sweep(
  emu: EmulatorProcess,
  file: BenchFile,
  scratch: string,
  grid: { partSizesMiB: readonly number[]; partsInFlight: readonly number[] },
  log: (line: string) => void,
  rounds = 1,
): Promise<SweepPoint[]> {
  const runs = new Map<string, Run[]>();
  for (let round = 0; round < rounds; round++) {
    for (const partSizeMiB of grid.partSizesMiB) {
      for (const parts of grid.partsInFlight) {
        const dataDir = join(scratch, `sweep-${partSizeMiB}-${parts}-${round}-${Date.now()}`);
        const run = await engineRun(emu, file, dataDir, {
          partSize: partSizeMiB * MiB,
          partsInFlight: parts,
        });
        log(`  ${partSizeMiB} MiB × ${parts}: ${run.mbps.toFixed(1)} MB/s`);
        const key = `${partSizeMiB}×${parts}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
      }
    }
  }
  const points: SweepPoint[] = [];
  for (const partSizeMiB of grid.partSizesMiB) {
    for (const parts of grid.partsInFlight) {
      const cell = runs.get(`${partSizeMiB}×${parts}`) ?? [];
      points.push({
        partSizeMiB,
        partsInFlight: parts,
        mbps: median(cell.map((r) => r.mbps)),
        runsMBps: cell.map((r) => r.mbps),
        cpuSecondsPerGB: median(cell.map((r) => r.cpuSecondsPerGB)),
        peakRssBytes: Math.max(...cell.map((r) => r.peakRssBytes)),
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
