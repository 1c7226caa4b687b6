import type { UrlMode } from '../../../shared/logic/source-url';
import type { SqliteDatabase } from '../base/sqlite';
import { fromRecord, type JobRecord, type JobRow } from './job-row';

/** A job's link, as stored (the full URL: never shown, never logged). */
export interface UrlSource {
  readonly jobId: string;
  /** Null once the job is done (the secret part of a link is not kept longer than needed). */
  readonly url: string | null;
  readonly mode: UrlMode;
  /** VOD's JobId once UploadMediaByURL took the link (pull). */
  readonly vodJobId: string | null;
  /** What the origin said the first time (relay): a later attempt must find the same content. */
  readonly originEtag: string | null;
  /** Its Last-Modified (checked when it sends no ETag). */
  readonly originModified: string | null;
  readonly originSize: number | null;
}

interface SourceRecord {
  job_id: string;
  url: string | null;
  mode: string;
  vod_job_id: string | null;
  origin_etag: string | null;
  origin_modified: string | null;
  origin_size: number | null;
}

export interface UrlSourcesRepository {
  insert(sources: ReadonlyArray<{ jobId: string; url: string; mode: UrlMode }>): void;
  get(jobId: string): UrlSource | undefined;
  /** Queued pull jobs in queue order (only those in `among` when given). */
  queuedPulls(limit: number, among?: readonly string[]): JobRow[];
  /** Pull jobs VOD is working on: active, with a VOD JobId. */
  activePulls(): JobRow[];
  recordVodJob(jobId: string, vodJobId: string | null): void;
  /** Pins what the origin serves (relay) and sets the job's size from it, in one write. */
  pinOrigin(jobId: string, origin: { etag: string | null; lastModified: string | null; size: number }): void;
  /** Forgets the pinned origin (its content changed and the upload was given up). */
  unpinOrigin(jobId: string): void;
  /** VOD's size of a pulled file, known only at the end. */
  recordSize(jobId: string, size: number): void;
  /** Drops the full URL (the job is done). */
  forgetUrl(jobId: string): void;
}

function toSource(r: SourceRecord): UrlSource {
  return {
    jobId: r.job_id,
    url: r.url,
    mode: r.mode as UrlMode,
    vodJobId: r.vod_job_id,
    originEtag: r.origin_etag,
    originModified: r.origin_modified,
    originSize: r.origin_size,
  };
}

export function createUrlSourcesRepository(db: SqliteDatabase): UrlSourcesRepository {
  const stmt = {
    insert: db.prepare('INSERT INTO url_sources (job_id, url, mode) VALUES (@jobId, @url, @mode)'),
    get: db.prepare<[string], SourceRecord>('SELECT * FROM url_sources WHERE job_id = ?'),
    queued: db.prepare<[number], JobRecord>(
      `SELECT jobs.* FROM jobs JOIN url_sources u ON u.job_id = jobs.id
       WHERE jobs.state = 'queued' AND u.mode = 'pull' ORDER BY jobs.position LIMIT ?`,
    ),
    queuedAmong: db.prepare<[string, number], JobRecord>(
      `SELECT jobs.* FROM jobs JOIN url_sources u ON u.job_id = jobs.id
       WHERE jobs.state = 'queued' AND u.mode = 'pull' AND jobs.id IN (SELECT value FROM json_each(?))
       ORDER BY jobs.position LIMIT ?`,
    ),
    active: db.prepare<[], JobRecord>(
      `SELECT jobs.* FROM jobs JOIN url_sources u ON u.job_id = jobs.id
       WHERE u.mode = 'pull' AND u.vod_job_id IS NOT NULL
         AND jobs.state IN ('preparing', 'uploading', 'retrying', 'verifying')
       ORDER BY jobs.position`,
    ),
    vodJob: db.prepare('UPDATE url_sources SET vod_job_id = ? WHERE job_id = ?'),
    origin: db.prepare(
      'UPDATE url_sources SET origin_etag = ?, origin_modified = ?, origin_size = ? WHERE job_id = ?',
    ),
    size: db.prepare('UPDATE jobs SET size = ? WHERE id = ?'),
    unpin: db.prepare(
      'UPDATE url_sources SET origin_etag = NULL, origin_modified = NULL, origin_size = NULL WHERE job_id = ?',
    ),
    forget: db.prepare('UPDATE url_sources SET url = NULL WHERE job_id = ?'),
  };
  const pin = db.transaction(
    (jobId: string, o: { etag: string | null; lastModified: string | null; size: number }) => {
      stmt.origin.run(o.etag, o.lastModified, o.size, jobId);
      stmt.size.run(o.size, jobId);
    },
  );
  const insertMany = db.transaction(
    (sources: ReadonlyArray<{ jobId: string; url: string; mode: UrlMode }>) => {
      for (const s of sources) stmt.insert.run(s);
    },
  );
  return {
    insert: (sources) => insertMany(sources),
    get: (jobId) => {
      const r = stmt.get.get(jobId);
      return r ? toSource(r) : undefined;
    },
    queuedPulls: (limit, among) =>
      (among ? stmt.queuedAmong.all(JSON.stringify(among), limit) : stmt.queued.all(limit)).map(fromRecord),
    activePulls: () => stmt.active.all().map(fromRecord),
    recordVodJob: (jobId, vodJobId) => {
      stmt.vodJob.run(vodJobId, jobId);
    },
    pinOrigin: (jobId, origin) => pin(jobId, origin),
    unpinOrigin: (jobId) => {
      stmt.unpin.run(jobId);
    },
    recordSize: (jobId, size) => {
      stmt.size.run(size, jobId);
    },
    forgetUrl: (jobId) => {
      stmt.forget.run(jobId);
    },
  };
}
