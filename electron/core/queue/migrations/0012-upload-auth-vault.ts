import type { Migration } from './migration';

/**
 * The upload credential (UploadAuth) of an image or attached media, kept encrypted so a restart can go on
 * with the same media while the credential is valid (VOD cannot refresh those kinds: without it the media
 * would be deleted and created again). Ciphertext only, written and read through
 * secrets/upload-auth-vault.ts with the same cipher as profile secrets; a row goes with its job.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'upload-auth-vault',
  up(db) {
    db.exec(`
      CREATE TABLE upload_auth_vault (
        job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        media_id TEXT NOT NULL,
        ciphertext BLOB NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
