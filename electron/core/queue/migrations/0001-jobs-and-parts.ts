import type { Migration } from './migration';

/**
 * The queue: one row per file, and one row per completed multipart part. Settings live here too (a tiny
 * key/value table). `state` duplicates `status.state` so the queue can be filtered by an index; a CHECK keeps
 * the two in step. Secrets never go in here: `upload_address` is the base64 UploadAddress (endpoint, bucket,
 * object key), never the UploadAuth.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'jobs-and-parts',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY NOT NULL,
        position INTEGER NOT NULL,
        path TEXT NOT NULL,
        root TEXT NOT NULL,
        relative_dir TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'attached')),
        business_type TEXT CHECK (business_type IN ('watermark', 'subtitle', 'material')),
        size INTEGER NOT NULL CHECK (size >= 0),
        mtime_ms REAL NOT NULL,
        fingerprint TEXT,
        profile_id TEXT,
        title TEXT NOT NULL,
        metadata TEXT NOT NULL CHECK (json_valid(metadata)),
        state TEXT NOT NULL CHECK (state IN ('queued', 'preparing', 'uploading', 'paused', 'retrying',
          'verifying', 'done', 'failed', 'canceled', 'source-missing')),
        status TEXT NOT NULL CHECK (json_valid(status) AND json_extract(status, '$.state') = state),
        media_id TEXT,
        upload_address TEXT,
        oss_endpoint TEXT,
        oss_bucket TEXT,
        object_key TEXT,
        upload_id TEXT,
        part_size INTEGER CHECK (part_size IS NULL OR part_size > 0),
        bytes_done INTEGER NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
        crc64 TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        added_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER,
        CHECK ((kind = 'attached') = (business_type IS NOT NULL))
      ) STRICT;

      -- listRunnable: WHERE state = 'queued' ORDER BY position
      CREATE INDEX jobs_state_position ON jobs (state, position);
      -- the queue list, reorder (min/max position)
      CREATE INDEX jobs_position ON jobs (position);
      -- duplicate check on add (same path, size and mtime)
      CREATE INDEX jobs_path ON jobs (path);

      CREATE TABLE parts (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
        "offset" INTEGER NOT NULL CHECK ("offset" >= 0),
        size INTEGER NOT NULL CHECK (size > 0),
        etag TEXT NOT NULL,
        crc64 TEXT NOT NULL,
        completed_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, part_number)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
