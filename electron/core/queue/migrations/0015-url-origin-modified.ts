import type { Migration } from './migration';

/**
 * A relayed link's Last-Modified, pinned beside its ETag and size (0010): an origin that sends no ETag is
 * checked by its Last-Modified between attempts and before Complete, so changed content is never uploaded.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'url-origin-modified',
  up(db) {
    db.exec(`ALTER TABLE url_sources ADD COLUMN origin_modified TEXT;`);
  },
};
