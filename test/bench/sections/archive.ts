import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveScaleResult, ArchiveScaleTask } from '../children/archive-scale';
import { runChild } from '../lib/child';
import { sparseFile } from '../lib/files';
import { MiB, round } from '../lib/units';

/**
 * Queue scale on SQLite with an archive: `files` sparse 1 MiB videos (ftruncate: no disk used, the scan reads
 * metadata only) in folders of 100, added with `queue:add` of the top folder and restored, in a child process
 * (children/archive-scale.ts). A baseline of `baselineFiles` runs first in the same run, so the per-file cost
 * can be compared (a ratio of 1 means the cost grows linearly with the queue).
 */
export interface ArchivePoint extends ArchiveScaleResult {
  readonly files: number;
  /** Creating the tree (not measured by the targets): mkdir + ftruncate per file. */
  readonly generateMs: number;
}

export interface ArchiveResult {
  readonly baseline: ArchivePoint;
  readonly archive: ArchivePoint;
  /** Per-file add time of the archive ÷ that of the baseline. */
  readonly addPerFileVsBaseline: number;
  /** Per-job restore time of the archive ÷ that of the baseline. */
  readonly restorePerJobVsBaseline: number;
}

export function writeArchiveTree(root: string, files: number): number {
  const t = performance.now();
  for (let i = 0; i < files; i++) {
    const dir = join(root, `reel-${String(Math.floor(i / 100)).padStart(4, '0')}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    sparseFile(join(dir, `clip-${String(i).padStart(6, '0')}.mp4`), MiB);
  }
  return performance.now() - t;
}

/** One tree of `files` added and restored; its data dir (`<scratch>/<name>-data`) is kept. */
export async function archivePoint(scratch: string, name: string, files: number): Promise<ArchivePoint> {
  const root = join(scratch, `${name}-tree`);
  const dataDir = join(scratch, `${name}-data`);
  const generateMs = writeArchiveTree(root, files);
  try {
    const task: ArchiveScaleTask = { dataDir, root };
    const result = await runChild<ArchiveScaleResult>('archive-scale', task);
    return { ...result, files, generateMs: round(generateMs, 0) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The archive's data dir (`<scratch>/archive-data`) is kept: the renderer section opens it. */
export async function measureArchive(
  scratch: string,
  files: number,
  baselineFiles: number,
  log: (line: string) => void,
): Promise<ArchiveResult> {
  log(`archive: baseline of ${baselineFiles} files`);
  const baseline = await archivePoint(scratch, 'baseline', baselineFiles);
  rmSync(join(scratch, 'baseline-data'), { recursive: true, force: true });
  log(`archive: ${files} files`);
  const archive = await archivePoint(scratch, 'archive', files);
  return {
    baseline,
    archive,
    addPerFileVsBaseline: round(archive.addMs / files / (baseline.addMs / baselineFiles), 2),
    restorePerJobVsBaseline: round(archive.restoreMs / files / (baseline.restoreMs / baselineFiles), 2),
  };
}
