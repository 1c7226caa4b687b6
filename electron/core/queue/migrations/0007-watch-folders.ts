import type { Migration } from './migration';

/**
 * Watched folders, so they survive a restart (the catch-up walk on start queues what arrived meanwhile).
 * `preset` names a preset (presets.name) whose options apply at queueing time, under the folder's own
 * `options` (BatchOptions JSON); `rules` is the sub-folder → category/tags mapping (JSON array);
 * `after_upload` what happens to a file once it is in VOD. A path is watched once.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'watch-folders',
  up(db) {
    db.exec(`
      CREATE TABLE watch_folders (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        preset TEXT,
        options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        rules TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rules)),
        after_upload TEXT NOT NULL DEFAULT 'leave' CHECK (after_upload IN ('leave', 'move', 'delete')),
        added_at INTEGER NOT NULL
      );
    `);
  },
};
