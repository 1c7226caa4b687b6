import type { SqliteDatabase } from '../base/sqlite';
import { AppError } from '../base/app-error';
import type { Redactor } from '../log/redactor';
import type { DecryptedSecret, SecretCipher, SecretField, SecretStore } from './secret-store';

export const SecretErrorCode = {
  Unavailable: 'SECRET_STORE_UNAVAILABLE',
  Unreadable: 'SECRET_UNREADABLE',
} as const;

/**
 * Secrets as ciphertext BLOBs in the app database (table `profile_secrets`, migration 0002). Every value read
 * or written is registered with the redactor first, so it is masked in any log line from then on.
 */
export class CipherSecretStore implements SecretStore {
  public constructor(
    private readonly db: SqliteDatabase,
    private readonly cipher: SecretCipher,
    private readonly redactor: Redactor,
    private readonly now: () => number = Date.now,
  ) {}

  public async get(profileId: string, field: SecretField): Promise<string | undefined> {
    const row = this.db
      .prepare('SELECT ciphertext FROM profile_secrets WHERE profile_id = ? AND field = ?')
      .get(profileId, field) as { ciphertext: Buffer } | undefined;
    if (!row) return undefined;
    await this.requireCipher();
    let decrypted: string | DecryptedSecret;
    try {
      decrypted = await this.cipher.decrypt(row.ciphertext);
    } catch (cause) {
      throw new AppError(
        SecretErrorCode.Unreadable,
        'A stored secret could not be decrypted (the encryption key changed, e.g. after moving the data to ' +
          'another user or machine). Enter the secret again in the profile.',
        { cause },
      );
    }
    const plain = typeof decrypted === 'string' ? decrypted : decrypted.plain;
    this.redactor.register(plain);
    if (typeof decrypted !== 'string' && decrypted.reEncrypt) await this.write(profileId, field, plain);
    return plain;
  }

  public async has(profileId: string, field: SecretField): Promise<boolean> {
    return (
      this.db
        .prepare('SELECT 1 FROM profile_secrets WHERE profile_id = ? AND field = ?')
        .get(profileId, field) !== undefined
    );
  }

  public async set(profileId: string, field: SecretField, value: string): Promise<void> {
    this.redactor.register(value);
    await this.requireCipher();
    await this.write(profileId, field, value);
  }

  private async write(profileId: string, field: SecretField, value: string): Promise<void> {
    const ciphertext = await this.cipher.encrypt(value);
    this.db
      .prepare(
        `INSERT INTO profile_secrets (profile_id, field, ciphertext, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id, field) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      )
      .run(profileId, field, ciphertext, this.now());
  }

  public async delete(profileId: string, field?: SecretField): Promise<void> {
    if (field === undefined)
      this.db.prepare('DELETE FROM profile_secrets WHERE profile_id = ?').run(profileId);
    else
      this.db.prepare('DELETE FROM profile_secrets WHERE profile_id = ? AND field = ?').run(profileId, field);
  }

  private async requireCipher(): Promise<void> {
    if (!(await this.cipher.isAvailable())) {
      throw new AppError(
        SecretErrorCode.Unavailable,
        'This system offers no way to encrypt secrets (no keychain or keyring is available), so the ' +
          'secret was not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and try again.',
      );
    }
  }
}
