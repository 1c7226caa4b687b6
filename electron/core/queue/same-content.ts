import type { JobState } from '../../../shared/domain/job-status';
import type { MediaKind } from '../../../shared/domain/media-kind';
import type { SqliteDatabase } from '../base/sqlite';
import type { UploadedMatch } from './history-repository';
import type { QueuedMatch } from './jobs-repository-port';

/** What a possible copy is looked up by: size and mtime (the index), and the path for jobs without a destination. */
export interface ContentKey {
  readonly size: number;
  readonly mtimeMs: number;
  readonly path: string;
}

/** The possible copies of a batch's files, looked up once for the whole batch. */
export interface SameContentIndex {
  /**
   * Jobs (not canceled) of this size and mtime going to the destination, and those of the same path queued
   * before destinations were recorded; in queue order. Same answer as `JobsRepository.findSameContent`.
   */
  jobs(file: ContentKey): readonly QueuedMatch[];
  /** Uploads of this size and mtime to the destination, newest first (`HistoryRepository.findSameContent`). */
  uploads(file: ContentKey): readonly UploadedMatch[];
}

interface JobCandidate extends QueuedMatch {
  readonly size: number;
  readonly mtimeMs: number;
  readonly destination: string | null;
}

interface UploadCandidate extends UploadedMatch {
  readonly size: number;
  readonly mtimeMs: number;
}

const keyOf = (size: number, mtimeMs: number) => `${size}:${mtimeMs}`;

/**
 * One lookup for a whole batch instead of two queries per file (four with the scan's fingerprint pass): the
 * batch's distinct (size, mtime) pairs go into a temporary table and are joined with jobs and history on their
 * (size, mtime_ms) indexes. Adding 100,000 files spent 2.6 s of its CPU in the per-file queries (issue 19).
 * Values are bound, not sent as JSON, so the mtime doubles compare exactly.
 */
export function createSameContentLookup(
  db: SqliteDatabase,
): (files: readonly ContentKey[], destination: string | null) => SameContentIndex {
  // Made on first use: opening a queue (the CLI's status, a read-only look) should not write a schema.
  let prepared: ReturnType<typeof prepare> | undefined;
  return (files, destination) => {
    prepared ??= prepare(db);
    const found = files.length === 0 ? { jobs: [], uploads: [] } : prepared(files, destination);
    const jobsByKey = group(found.jobs);
    const uploadsByKey = group(found.uploads);
    return {
      jobs: (file) =>
        (jobsByKey.get(keyOf(file.size, file.mtimeMs)) ?? [])
          .filter((j) => j.destination === destination || (j.destination === null && j.path === file.path))
          .map(({ id, state, path, fingerprint }) => ({ id, state: state as JobState, path, fingerprint })),
      uploads: (file) =>
        (uploadsByKey.get(keyOf(file.size, file.mtimeMs)) ?? []).map(
          ({ mediaId, kind, path, fingerprint, finishedAt, destinationLabel }) => ({
            mediaId,
            kind: kind as MediaKind,
            path,
            fingerprint,
            finishedAt,
            destinationLabel,
          }),
        ),
    };
  };
}

function prepare(db: SqliteDatabase) {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS content_keys (size, mtime_ms)');
  const stmt = {
    clear: db.prepare('DELETE FROM temp.content_keys'),
    add: db.prepare('INSERT INTO temp.content_keys (size, mtime_ms) VALUES (?, ?)'),
    jobs: db.prepare<[string | null], JobCandidate>(
      `SELECT j.id, j.state, j.path, j.fingerprint, j.size, j.mtime_ms AS mtimeMs, j.destination
       FROM temp.content_keys k JOIN jobs j ON j.size = k.size AND j.mtime_ms = k.mtime_ms
       WHERE (j.destination IS ? OR j.destination IS NULL) AND j.state <> 'canceled'
       ORDER BY j.position`,
    ),
    uploads: db.prepare<[string | null], UploadCandidate>(
      `SELECT h.media_id AS mediaId, h.kind, h.path, h.fingerprint, h.finished_at AS finishedAt,
         h.destination_label AS destinationLabel, h.size, h.mtime_ms AS mtimeMs
       FROM temp.content_keys k JOIN history h ON h.size = k.size AND h.mtime_ms = k.mtime_ms
       WHERE h.destination IS ? ORDER BY h.finished_at DESC`,
    ),
  };
  return db.transaction((files: readonly ContentKey[], destination: string | null) => {
    const seen = new Set<string>();
    for (const f of files) {
      const key = keyOf(f.size, f.mtimeMs);
      if (seen.has(key)) continue;
      seen.add(key);
      stmt.add.run(f.size, f.mtimeMs);
    }
    const jobs = stmt.jobs.all(destination);
    const uploads = stmt.uploads.all(destination);
    stmt.clear.run();
    return { jobs, uploads };
  });
}

function group<T extends { size: number; mtimeMs: number }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row.size, row.mtimeMs);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}
