import { join } from 'node:path';
import { round } from '../lib/units';
import { measureArchive, type ArchiveResult } from './archive';
import { measureRendererRows, type RendererRowsResult } from './renderer-rows';
import { measureTeamQueue, type TeamQueueResult } from './team-queue';

/**
 * Queue scale on both stores (issue 19): an archive added to and restored from SQLite, the same number of
 * jobs enqueued into the team queue on PostgreSQL, jobs/s claimed by 1, 2 and 4 workers, and the renderer
 * scrolling and filtering the SQLite archive in Chromium. `npx tsx test/bench/scale.ts` runs it alone.
 */
export interface ScaleProfile {
  readonly files: number;
  readonly baselineFiles: number;
  readonly teamBatch: number;
  readonly claimJobs: number;
  readonly workerCounts: readonly number[];
  readonly renderer: boolean;
}

export const SCALE_FULL: ScaleProfile = {
  files: 100_000,
  baselineFiles: 10_000,
  teamBatch: 1000,
  claimJobs: 3000,
  workerCounts: [1, 2, 4],
  renderer: true,
};

/** npm test's smoke run: every step once, small (a PostgreSQL cluster start is most of it). */
export const SCALE_QUICK: ScaleProfile = {
  files: 300,
  baselineFiles: 100,
  teamBatch: 100,
  claimJobs: 40,
  workerCounts: [1, 2],
  renderer: false,
};

export interface ScaleResult {
  readonly sqlite: ArchiveResult;
  readonly postgres: TeamQueueResult;
  /** Per-file enqueue time on PostgreSQL ÷ per-file add time on SQLite (scan included there), same run. */
  readonly postgresVsSqliteAddPerFile: number;
  readonly renderer: RendererRowsResult | null;
  readonly targets: { name: string; measured: string; met: boolean }[];
}

export async function measureScale(
  scratch: string,
  profile: ScaleProfile,
  log: (line: string) => void,
): Promise<ScaleResult> {
  const sqlite = await measureArchive(scratch, profile.files, profile.baselineFiles, log);
  const postgres = await measureTeamQueue({
    files: profile.files,
    batchSize: profile.teamBatch,
    claimJobs: profile.claimJobs,
    workerCounts: profile.workerCounts,
    log,
  });
  let renderer: RendererRowsResult | null = null;
  if (profile.renderer) {
    log(`renderer: ${profile.files} rows in Chromium`);
    renderer = await measureRendererRows(join(scratch, 'archive-data'), profile.files);
  }
  const a = sqlite.archive;
  const targets = [
    {
      name: `${a.files} files added < 10 s (SQLite)`,
      measured: `${round(a.addMs, 0)} ms`,
      met: a.addMs < 10_000,
    },
    {
      name: `${a.files} jobs restored (open + first queue:list page, ${a.listedJobs} rows) < 2 s (SQLite)`,
      measured: `${round(a.restoreMs, 0)} ms (open ${round(a.openMs, 0)} ms; all ${a.allJobs} rows in ${a.pages} pages after it: ${round(a.allPagesMs, 0)} ms)`,
      met: a.restoreMs < 2000,
    },
  ];
  if (renderer !== null) {
    const worst = Math.max(renderer.scroll.maxFrameMs, renderer.filter.maxFrameMs);
    targets.push({
      name: `renderer: scroll and filter ${renderer.jobs} rows, no frame > 100 ms`,
      measured: `scroll max ${renderer.scroll.maxFrameMs} ms, filter max ${renderer.filter.maxFrameMs} ms`,
      met: worst <= 100,
    });
  }
  return {
    sqlite,
    postgres,
    postgresVsSqliteAddPerFile: round(postgres.enqueue.enqueueMs / a.addMs, 2),
    renderer,
    targets,
  };
}
