import type { Migration } from './migration';

/**
 * A watched folder's panel counts survive a restart: how many files it queued, how many complete files it
 * left out as already in VOD or in the queue, and when it last queued one. They grow with each batch the
 * folder hands over (one UPDATE per batch, not per file event). 0011 is reserved for the team queue's step
 * on another branch (the runner applies a lower step that lands later, see migrate.ts).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'watch-folder-counts',
  up(db) {
    db.exec(`
      ALTER TABLE watch_folders ADD COLUMN queued_count INTEGER NOT NULL DEFAULT 0 CHECK (queued_count >= 0);
      ALTER TABLE watch_folders ADD COLUMN already_known_count INTEGER NOT NULL DEFAULT 0
        CHECK (already_known_count >= 0);
      ALTER TABLE watch_folders ADD COLUMN last_queued_at INTEGER;
    `);
  },
};
