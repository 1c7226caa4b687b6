import type { Migration } from './migration';

/**
 * The team queue this app uses (Settings → Team queue, docs/team.md): one row. `url` is the connection string
 * with its password taken out; the password is a ciphertext BLOB (the same SecretCipher as the profiles'
 * secrets: safeStorage in the app, the key file headless), never stored in clear.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'team-queue',
  up(db) {
    db.exec(`
      CREATE TABLE team_queue (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        password_ciphertext BLOB,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
