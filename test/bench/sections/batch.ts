import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { BaselineTask } from '../children/oss-baseline';
import type { EngineJobResult, EngineTask } from '../children/engine-upload';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import { writeRandomFile, type BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { mbps } from '../lib/units';

/** Many files each smaller than a part: one PutObject each, so per-file round trips are what costs. */
export interface BatchProfile {
  readonly files: number;
  readonly fileBytes: number;
  /**
   * ali-oss defaults uploads one file after another (a loop over multipartUpload, as its docs show): on the far
   * path that is minutes for 200 files, so it runs the first N of them; its rate is steady from file to file.
   */
  readonly aliDefaultFiles: number;
  /** ali-oss tuned: files at once, each one `put`. */
  readonly aliTunedFilesAtOnce: number;
}

export interface BatchRun {
  readonly files: number;
  readonly bytes: number;
  readonly mbps: number;
  /** Every file's object has the file's CRC-64. */
  readonly crcOk: boolean;
  readonly peakRssBytes: number;
  /** The child's CPU time (main thread and workers), ms. */
  readonly cpuMs: number;
}

export function writeBatch(dir: string, profile: BatchProfile): BenchFile[] {
  return Array.from({ length: profile.files }, (_, i) =>
    writeRandomFile(join(dir, `batch-${String(i).padStart(4, '0')}.mp4`), profile.fileBytes),
  );
}

/** The engine with its defaults, every file queued at once (`queue:add` of all the paths). */
export async function engineBatch(emu: EmulatorProcess, files: readonly BenchFile[], dataDir: string) {
  const task: EngineTask = {
    config: emu.config,
    dataDir,
    paths: files.map((f) => f.path),
    add: true,
    settings: {
      partSize: DEFAULT_SETTINGS.partSize,
      partsInFlight: DEFAULT_SETTINGS.partsInFlight,
      filesAtOnce: DEFAULT_SETTINGS.filesAtOnce,
    },
  };
  const r = await runChild<ProcessMetrics & { bytes: number; jobs: EngineJobResult[] }>(
    'engine-upload',
    task,
  );
  const byName = new Map(r.jobs.map((j) => [j.name, j]));
  const crcOk = files.every((f) => {
    const job = byName.get(f.path.split('/').at(-1)!);
    return job?.state === 'done' && job.crc64 === f.crc64;
  });
  const bytes = files.reduce((n, f) => n + f.size, 0);
  return toBatchRun(r, files.length, bytes, crcOk);
}

export async function aliBatch(
  emu: EmulatorProcess,
  files: readonly BenchFile[],
  mode: 'ali-default' | 'ali-tuned',
  filesAtOnce: number,
): Promise<BatchRun> {
  const task: BaselineTask = {
    config: emu.config,
    path: files[0]!.path,
    paths: files.map((f) => f.path),
    mode,
    filesAtOnce,
  };
  const r = await runChild<ProcessMetrics & { bytes: number; crcs: (string | null)[] }>('oss-baseline', task);
  const crcOk = files.every((f, i) => r.crcs[i] === f.crc64);
  return toBatchRun(r, files.length, r.bytes, crcOk);
}

function toBatchRun(m: ProcessMetrics, files: number, bytes: number, crcOk: boolean): BatchRun {
  return {
    files,
    bytes,
    mbps: mbps(bytes, m.wallMs),
    crcOk,
    peakRssBytes: m.peakRssBytes,
    cpuMs: m.cpuMs,
  };
}
