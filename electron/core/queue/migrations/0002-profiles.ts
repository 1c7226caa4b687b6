import type { Migration } from './migration';

/**
 * Upload profiles (credentials work, issue 4). `profiles` holds everything but secrets: kind, region,
 * endpoint override, default metadata and the credential's non-secret part (AccessKey ID, role ARN, STS mode,
 * authorization-service URL) as JSON. Secrets live in `profile_secrets` as ciphertext only (safeStorage in the
 * app, an AES-256-GCM key file headless), written and read solely through the SecretStore.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'profiles',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('access-key', 'sts', 'auth-service')),
        region TEXT NOT NULL,
        endpoint TEXT,
        defaults TEXT NOT NULL CHECK (json_valid(defaults)),
        credential TEXT NOT NULL CHECK (json_valid(credential)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE UNIQUE INDEX profiles_name ON profiles (name COLLATE NOCASE);

      CREATE TABLE profile_secrets (
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('accessKeySecret', 'securityToken', 'bearerToken')),
        ciphertext BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (profile_id, field)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
