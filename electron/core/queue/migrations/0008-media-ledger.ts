import type { Migration } from './migration';

/**
 * What the uploader owes the user's VOD library (issue 14: exactly one media per file).
 *
 * `media_intents`: written BEFORE each CreateUpload* call, with the marker that the call carries in its
 * UserData; removed once the answer (media ID + UploadAddress) is on the job. A row still here after a crash
 * means a media may exist in VOD that nothing records: the engine looks it up by its marker and adopts it
 * (a video) or deletes it. No foreign key: a job removed meanwhile still leaves the lookup to do.
 *
 * `media_deletions`: media the uploader created and will not finish (canceled, removed, re-created after
 * its credential ran out, found after a crash). A row stays until VOD confirms the delete; failures are
 * counted and shown, and retried, never dropped.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'media-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE media_intents (
        marker TEXT PRIMARY KEY NOT NULL,
        job_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'attached')),
        profile_id TEXT,
        started_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX media_intents_job ON media_intents (job_id);

      CREATE TABLE media_deletions (
        media_id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'attached')),
        profile_id TEXT,
        job_id TEXT,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        queued_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
