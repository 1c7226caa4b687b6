import type { Migration } from './migration';

/**
 * Batch presets, shared by the app and the CLI (`--preset NAME`). `options` is the BatchOptions JSON
 * (metadata and an optional profile id). Until this step the app kept presets in the renderer's storage;
 * the renderer moves those over on its next start (renderer/store/batch-store.ts).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'presets',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        options TEXT NOT NULL CHECK (json_valid(options)),
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
