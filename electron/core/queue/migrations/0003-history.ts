import type { Migration } from './migration';

/**
 * Every finished upload, kept after the job row is cleared from the queue. Profile name is copied (a profile
 * may be renamed or deleted later; the history must still say who uploaded). `mtime_ms` and `fingerprint`
 * are not shown but let a later drop of the same file be recognised as already uploaded.
 *
 * Search is LIKE over name, title and media id (substring match, works for Chinese without a tokenizer);
 * measured in test/integration/queue/history-search.test.ts, fast enough at 100,000 rows that FTS5 is not needed.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'history',
  up(db) {
    db.exec(`
      CREATE TABLE history (
        id TEXT PRIMARY KEY NOT NULL,
        media_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'attached')),
        business_type TEXT,
        title TEXT NOT NULL,
        path TEXT NOT NULL,
        relative_dir TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        mtime_ms REAL NOT NULL,
        fingerprint TEXT,
        profile_id TEXT,
        profile_name TEXT,
        added_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        vod_status TEXT,
        crc64 TEXT
      ) STRICT;

      CREATE INDEX history_finished_at ON history (finished_at);
      CREATE INDEX history_path ON history (path);
      CREATE INDEX history_media_id ON history (media_id);
    `);
  },
};
