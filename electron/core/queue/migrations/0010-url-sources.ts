import type { Migration } from './migration';

/**
 * Jobs whose source is a link rather than a file (upload from URLs). The job row keeps the masked URL as
 * its path (what the queue, history and logs show); the full URL, which may carry a password or a signed
 * query, lives only here and is dropped once the job is done. `mode` is how it goes up: `pull` (VOD fetches
 * it: UploadMediaByURL, `vod_job_id` is VOD's JobId once submitted) or `relay` (this machine streams it into
 * the multipart upload; `origin_etag` / `origin_size` pin the origin's content between attempts).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'url-sources',
  up(db) {
    db.exec(`
      CREATE TABLE url_sources (
        job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        url TEXT,
        mode TEXT NOT NULL CHECK (mode IN ('pull', 'relay')),
        vod_job_id TEXT,
        origin_etag TEXT,
        origin_size INTEGER CHECK (origin_size IS NULL OR origin_size >= 0)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX url_sources_mode ON url_sources (mode, job_id);
    `);
  },
};
