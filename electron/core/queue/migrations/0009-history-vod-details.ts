import type { Migration } from './migration';

/**
 * What VOD says of a processed video, kept with its history row: the duration in seconds and the cover
 * (snapshot) URL from GetVideoInfos, filled by the status poller once the video is processed. Rows written
 * before this step get them at their next poll, or show none.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'history-vod-details',
  up(db) {
    db.exec(`
      ALTER TABLE history ADD COLUMN duration REAL;
      ALTER TABLE history ADD COLUMN cover_url TEXT;
    `);
  },
};
