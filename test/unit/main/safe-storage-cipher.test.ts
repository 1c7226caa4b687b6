import { beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { CipherSecretStore } from '../../../electron/core/secrets/cipher-secret-store';
import { Redactor } from '../../../electron/core/log/redactor';
import { MIGRATIONS } from '../../../electron/core/queue/migrations/index';
import { migrate } from '../../../electron/core/queue/migrate';
import { resetFakeElectron, safeStorage } from '../../helpers/fake-electron';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { SafeStorageCipher } = await import('../../../electron/main/secrets/safe-storage-cipher');

/** A migrated in-memory queue database holding profile 'p1' (secrets refer to a profile). */
function databaseWithProfile() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  db.prepare(
    `INSERT INTO profiles (id, name, kind, region, endpoint, defaults, credential, created_at, updated_at)
     VALUES ('p1', 'n', 'access-key', 'cn-shanghai', NULL, '{}', '{"kind":"access-key","accessKeyId":"LTAIx"}', 1, 1)`,
  ).run();
  return db;
}

describe('SafeStorageCipher', () => {
  beforeEach(() => resetFakeElectron());

  it('encrypts through safeStorage so the stored bytes are not the secret', async () => {
    const db = databaseWithProfile();
    const store = new CipherSecretStore(db, new SafeStorageCipher(), new Redactor());
    await store.set('p1', 'accessKeySecret', 'very-secret-value');
    expect(safeStorage.encrypted).toBe(1);
    expect(await store.get('p1', 'accessKeySecret')).toBe('very-secret-value');
    const raw = db.prepare('SELECT * FROM profile_secrets').all();
    expect(JSON.stringify(raw)).not.toContain('very-secret-value');
  });

  it('reports itself unavailable without a keychain and on Linux basic_text', async () => {
    const cipher = new SafeStorageCipher();
    expect(await cipher.isAvailable()).toBe(true);
    safeStorage.available = false;
    expect(await cipher.isAvailable()).toBe(false);
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect(await cipher.isAvailable()).toBe(process.platform !== 'linux');
  });

  it('stores a fresh ciphertext when the OS says its key was rotated', async () => {
    const db = databaseWithProfile();
    let now = 1;
    const store = new CipherSecretStore(db, new SafeStorageCipher(), new Redactor(), () => now);
    await store.set('p1', 'accessKeySecret', 'rotating-secret');
    const written = () =>
      db.prepare('SELECT updated_at FROM profile_secrets').get() as { updated_at: number };
    now = 2;
    expect(await store.get('p1', 'accessKeySecret')).toBe('rotating-secret');
    expect(written().updated_at).toBe(1);
    safeStorage.keyRotated = true;
    now = 3;
    expect(await store.get('p1', 'accessKeySecret')).toBe('rotating-secret');
    expect(written().updated_at).toBe(3);
    expect(safeStorage.encrypted).toBe(2);
  });
});
