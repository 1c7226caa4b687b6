import type { Migration } from './migration';

/**
 * Pull links canceled while VOD had their upload job (upload from URLs). VOD cancels only jobs it has not
 * started (CancelUrlUploadJobs); one already fetching may still make a media, which the uploader then deletes.
 * Each row is one VOD JobId still to be settled: `cancel_asked` once CancelUrlUploadJobs was called,
 * `delete_media` when the media VOD makes must go. Rows do not reference the job: removing a canceled job
 * from the queue must not forget a media VOD may still make.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'url-pull-cancels',
  up(db) {
    db.exec(`
      CREATE TABLE url_pull_cancels (
        vod_job_id TEXT PRIMARY KEY NOT NULL,
        job_id TEXT NOT NULL,
        profile_id TEXT,
        delete_media INTEGER NOT NULL CHECK (delete_media IN (0, 1)),
        cancel_asked INTEGER NOT NULL DEFAULT 0 CHECK (cancel_asked IN (0, 1)),
        canceled_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
