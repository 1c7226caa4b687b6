import {
  ACTIVE_STATES,
  JobStatusSchema,
  type JobState,
  type JobStatus,
} from '../../../shared/domain/job-status';
import { canTransition, isFinal, JOB_TRANSITIONS, statesWhere } from '../../../shared/domain/job-transitions';
import type { QueueTotals } from '../../../shared/domain/queue';
import { AppError } from '../base/app-error';
import type { HistoryRepository } from './history-repository';
import { fromRecord, type JobRecord, type JobRow } from './job-row';
import type { DoneDetails, JobsRepository, NewJob, QueuedMatch, UploadGrant } from './jobs-repository-port';
import type { SqliteDatabase } from '../base/sqlite';

const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(', ');

/** Links VOD pulls itself are not run by the engine's slots (engine/url-pull.ts submits them in batches). */
const NOT_PULLED = "id NOT IN (SELECT job_id FROM url_sources WHERE mode = 'pull')";

/**
 * The jobs table. Synchronous (better-sqlite3), statements prepared once. The engine owns the writes while
 * it runs; each `record*` call is one small transaction, made at the moment the fact becomes true (see the
 * persistence order in issue 5): grant → upload id → each part → done.
 */
export function createJobsRepository(
  db: SqliteDatabase,
  history: HistoryRepository,
  now: () => number,
): JobsRepository {
  const stmt = {
    insert: db.prepare(`INSERT INTO jobs (id, position, path, root, relative_dir, name, kind, business_type,
        size, mtime_ms, fingerprint, profile_id, title, metadata, destination, destination_label, state, status,
        added_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', '{"state":"queued"}', ?, ?)`),
    get: db.prepare<[string], JobRecord>('SELECT * FROM jobs WHERE id = ?'),
    list: db.prepare<[], JobRecord>('SELECT * FROM jobs ORDER BY position'),
    runnable: db.prepare<[number], JobRecord>(
      `SELECT * FROM jobs WHERE state = 'queued' AND ${NOT_PULLED} ORDER BY position LIMIT ?`,
    ),
    runnableAmong: db.prepare<[string, number], JobRecord>(
      `SELECT * FROM jobs WHERE state = 'queued' AND id IN (SELECT value FROM json_each(?)) AND ${NOT_PULLED}
       ORDER BY position LIMIT ?`,
    ),
    byState: db.prepare<[string], JobRecord>(
      'SELECT * FROM jobs WHERE state IN (SELECT value FROM json_each(?)) ORDER BY position',
    ),
    maxPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM jobs'),
    minPosition: db.prepare<[], { p: number | null }>('SELECT min(position) AS p FROM jobs'),
    setPosition: db.prepare('UPDATE jobs SET position = ?, updated_at = ? WHERE id = ?'),
    sameContent: db.prepare<[number, number, string | null, string], QueuedMatch>(
      `SELECT id, state, path, fingerprint FROM jobs
       WHERE size = ? AND mtime_ms = ? AND (destination IS ? OR (destination IS NULL AND path = ?))
         AND state <> 'canceled'
       ORDER BY position`,
    ),
    grant: db.prepare(`UPDATE jobs SET media_id = @mediaId, upload_address = @uploadAddress,
        oss_endpoint = @endpoint, oss_bucket = @bucket, object_key = @objectKey, updated_at = @now WHERE id = @id`),
    resetUpload: db.prepare(
      'UPDATE jobs SET upload_id = NULL, part_size = NULL, bytes_done = 0, crc64 = NULL, updated_at = ? WHERE id = ?',
    ),
    deleteParts: db.prepare('DELETE FROM parts WHERE job_id = ?'),
    uploadId: db.prepare('UPDATE jobs SET upload_id = ?, part_size = ?, updated_at = ? WHERE id = ?'),
    fingerprint: db.prepare('UPDATE jobs SET fingerprint = ?, updated_at = ? WHERE id = ?'),
    status: db.prepare(`UPDATE jobs SET state = @state, status = @status, attempts = @attempts,
        last_error = @lastError, finished_at = @finishedAt, updated_at = @now WHERE id = @id`),
    done: db.prepare(`UPDATE jobs SET state = 'done', status = @status, media_id = @mediaId, crc64 = @crc64,
        bytes_done = size, finished_at = @now, updated_at = @now WHERE id = @id`),
    recover: db.prepare<[string, string, number]>(
      `UPDATE jobs SET state = ?, status = ?, updated_at = ? WHERE state IN (${ACTIVE_SQL}) RETURNING id`,
    ),
    remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    clearFinished: db.prepare<[string]>('DELETE FROM jobs WHERE state IN (SELECT value FROM json_each(?))'),
    remaining: db.prepare<[], { left: number }>(
      `SELECT total(size - bytes_done) AS left FROM jobs
       WHERE state IN ('queued', 'preparing', 'uploading', 'retrying', 'verifying')`,
    ),
    totals: db.prepare<[], { state: string; n: number; size: number; done: number }>(
      'SELECT state, count(*) AS n, total(size) AS size, total(bytes_done) AS done FROM jobs GROUP BY state',
    ),
  };

  function get(id: string): JobRow | undefined {
    const r = stmt.get.get(id);
    return r ? fromRecord(r) : undefined;
  }

  function mustGet(id: string): JobRow {
    const row = get(id);
    if (!row) throw new AppError('JOB_NOT_FOUND', `There is no job ${id} in the queue.`);
    return row;
  }

  function writeStatus(row: JobRow, status: JobStatus) {
    const t = now();
    let attempts = row.attempts;
    let lastError = row.lastError;
    let finishedAt = row.finishedAt;
    if (status.state === 'retrying') {
      attempts = status.attempt;
      lastError = status.lastError;
    } else if (status.state === 'failed') {
      lastError = status.error;
      finishedAt = t;
    } else if (status.state === 'canceled') {
      finishedAt = t;
    } else if (JOB_TRANSITIONS[row.status.state][status.state] === 'retry') {
      // A retry the person asked for starts a fresh count; the last error stays visible until replaced.
      attempts = 0;
      finishedAt = null;
    }
    stmt.status.run({
      id: row.id,
      state: status.state,
      status: JSON.stringify(status),
      attempts,
      lastError: lastError === null ? null : JSON.stringify(lastError),
      finishedAt,
      now: t,
    });
  }

  return {
    get,
    getOrThrow: mustGet,

    list(): JobRow[] {
      return stmt.list.all().map(fromRecord);
    },

    listRunnable(limit: number, among?: readonly string[]): JobRow[] {
      const rows = among ? stmt.runnableAmong.all(JSON.stringify(among), limit) : stmt.runnable.all(limit);
      return rows.map(fromRecord);
    },

    listByState(states: readonly JobState[]): JobRow[] {
      return stmt.byState.all(JSON.stringify(states)).map(fromRecord);
    },

    findSameContent(size: number, mtimeMs: number, destination: string | null, path: string): QueuedMatch[] {
      return stmt.sameContent.all(size, mtimeMs, destination, path);
    },

    insertMany: db.transaction((jobs: readonly NewJob[]) => {
      let position = (stmt.maxPosition.get()?.p ?? 0) + 1;
      const t = now();
      // A batch shares one metadata object: serialised once, not once per row (100,000-file adds, issue 19).
      let lastMetadata: NewJob['metadata'] | undefined;
      let metadataJson = '';
      for (const job of jobs) {
        if (job.metadata !== lastMetadata) {
          lastMetadata = job.metadata;
          metadataJson = JSON.stringify(job.metadata);
        }
        stmt.insert.run(
          job.id,
          position++,
          job.path,
          job.root,
          job.relativeDir,
          job.name,
          job.kind,
          job.businessType,
          job.size,
          job.mtimeMs,
          job.fingerprint ?? null,
          job.profileId,
          job.title,
          metadataJson,
          job.destination ?? null,
          job.destinationLabel ?? null,
          t,
          t,
        );
      }
    }),

    recordGrant: db.transaction((jobId: string, grant: UploadGrant) => {
      const row = mustGet(jobId);
      if (row.objectKey !== null && row.objectKey !== grant.objectKey) {
        stmt.deleteParts.run(jobId);
        stmt.resetUpload.run(now(), jobId);
      }
      stmt.grant.run({ id: jobId, ...grant, now: now() });
    }),

    recordUploadId(jobId: string, uploadId: string, partSize: number): void {
      const changed = stmt.uploadId.run(uploadId, partSize, now(), jobId).changes;
      if (changed === 0) mustGet(jobId);
    },

    resetUpload: db.transaction((jobId: string) => {
      mustGet(jobId);
      stmt.deleteParts.run(jobId);
      stmt.resetUpload.run(now(), jobId);
    }),

    recordFingerprint(jobId: string, fingerprint: string): void {
      if (stmt.fingerprint.run(fingerprint, now(), jobId).changes === 0) mustGet(jobId);
    },

    setStatus: db.transaction((jobId: string, next: JobStatus): JobRow => {
      const status = JobStatusSchema.parse(next);
      if (status.state === 'done') {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          'A job is marked done with markDone(), which records history.',
        );
      }
      const row = mustGet(jobId);
      if (!canTransition(row.status.state, status.state)) {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `Job ${jobId} cannot go from ${row.status.state} to ${status.state}.`,
        );
      }
      writeStatus(row, status);
      return mustGet(jobId);
    }),

    markDone: db.transaction((jobId: string, details: DoneDetails): JobRow => {
      const row = mustGet(jobId);
      if (!canTransition(row.status.state, 'done')) {
        throw new AppError('ILLEGAL_TRANSITION', `Job ${jobId} cannot go from ${row.status.state} to done.`);
      }
      const t = now();
      stmt.done.run({
        id: jobId,
        status: JSON.stringify({ state: 'done', mediaId: details.mediaId } satisfies JobStatus),
        mediaId: details.mediaId,
        crc64: details.crc64,
        now: t,
      });
      const done = mustGet(jobId);
      history.insert({
        id: done.id,
        mediaId: details.mediaId,
        kind: done.kind,
        businessType: done.businessType,
        title: done.title,
        path: done.path,
        relativeDir: done.relativeDir,
        name: done.name,
        size: done.size,
        mtimeMs: done.mtimeMs,
        fingerprint: done.fingerprint,
        profileId: done.profileId,
        profileName: details.profileName ?? null,
        addedAt: done.addedAt,
        finishedAt: t,
        vodStatus: details.vodStatus ?? null,
        crc64: details.crc64,
        destination: done.destination,
        destinationLabel: done.destinationLabel,
        tags: done.metadata.tags,
      });
      return done;
    }),

    recoverInterruptedJobs(options: { autoResume: boolean }): string[] {
      const status: JobStatus = options.autoResume ? { state: 'queued' } : { state: 'paused' };
      return stmt.recover
        .all(status.state, JSON.stringify(status), now())
        .map((r) => (r as { id: string }).id);
    },

    reorder: db.transaction((ids: readonly string[], where: 'top' | 'bottom') => {
      const rows = ids
        .map((id) => stmt.get.get(id))
        .filter((r): r is JobRecord => r !== undefined)
        .sort((a, b) => a.position - b.position);
      const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
      const t = now();
      let position =
        where === 'top'
          ? (stmt.minPosition.get()?.p ?? 0) - unique.length
          : (stmt.maxPosition.get()?.p ?? 0) + 1;
      for (const r of unique) stmt.setPosition.run(position++, t, r.id);
    }),

    remove: db.transaction((ids: readonly string[]): number => {
      const rows = ids.map((id) => stmt.get.get(id)).filter((r): r is JobRecord => r !== undefined);
      const active = rows.find((r) => ACTIVE_STATES.includes(r.state as JobState));
      if (active) {
        throw new AppError(
          'JOB_ACTIVE',
          `Pause or cancel "${active.name}" before removing it from the queue.`,
        );
      }
      let removed = 0;
      for (const r of rows) removed += stmt.remove.run(r.id).changes;
      return removed;
    }),

    clearFinished(): number {
      return stmt.clearFinished.run(JSON.stringify(statesWhere(isFinal))).changes;
    },

    remainingBytes(): number {
      return Math.max(0, stmt.remaining.get()?.left ?? 0);
    },

    totals(): QueueTotals {
      const counts: Record<string, number> = {};
      let jobs = 0;
      let active = 0;
      let bytesTotal = 0;
      let bytesDone = 0;
      for (const r of stmt.totals.all()) {
        counts[r.state] = r.n;
        jobs += r.n;
        if (ACTIVE_STATES.includes(r.state as JobState)) active += r.n;
        if (r.state !== 'canceled') {
          bytesTotal += r.size;
          bytesDone += r.done;
        }
      }
      return { jobs, active, bytesTotal, bytesDone, speed: 0, etaSeconds: null, counts };
    },
  };
}
