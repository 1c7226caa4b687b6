import type { Migration } from './migration';

/**
 * Where each upload goes, so that "already uploaded" means "already in THIS destination": `destination` is a
 * key (the profile, or the headless key, with region, endpoint, storage location and app), `destination_label`
 * says it to a person ("profile Prod, cn-shanghai"). Jobs carry both from the moment they are queued; history
 * rows copy them when a job finishes. Rows written before this step have none, and never count as a copy in
 * any destination (a file found only there is uploaded again, never silently skipped).
 *
 * Duplicates are found by content, not path (a moved or renamed file is still the same file): same size and
 * mtime, then the sampled fingerprint. These indexes serve that lookup.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'destinations',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN destination TEXT;
      ALTER TABLE jobs ADD COLUMN destination_label TEXT;
      ALTER TABLE history ADD COLUMN destination TEXT;
      ALTER TABLE history ADD COLUMN destination_label TEXT;
      CREATE INDEX jobs_content ON jobs (size, mtime_ms);
      CREATE INDEX history_content ON history (size, mtime_ms);
    `);
  },
};
