import type { Migration } from './migration';

/**
 * The tags each upload was given, on its history row, so history can be searched by tag (`history --tag`,
 * the app's search box) after the job itself is cleared. A JSON array of strings. Rows written before this
 * step take the tags of their job where the job is still in the queue (a history row shares its job's id),
 * and none otherwise.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'history-tags',
  up(db) {
    db.exec(`
      ALTER TABLE history ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags));
      UPDATE history SET tags = coalesce(
        (SELECT json_extract(jobs.metadata, '$.tags') FROM jobs
          WHERE jobs.id = history.id AND json_type(jobs.metadata, '$.tags') = 'array'),
        '[]');
    `);
  },
};
