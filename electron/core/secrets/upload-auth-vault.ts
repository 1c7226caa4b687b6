import type { SqliteDatabase } from '../base/sqlite';
import type { Redactor } from '../log/redactor';
import type { SecretCipher } from './secret-store';

/**
 * The UploadAuth of an image or attached media job, encrypted with the profile secrets' cipher (table
 * `upload_auth_vault`, migration 0012), so a restart reuses the media while its credential is valid instead
 * of deleting and re-creating it. Never in clear: without a usable cipher nothing is kept (the job then
 * re-creates, as before). Expired rows are dropped whenever one is written.
 */
export class UploadAuthVault {
  public constructor(
    private readonly db: SqliteDatabase,
    private readonly cipher: SecretCipher,
    private readonly redactor: Redactor,
    private readonly now: () => number = Date.now,
  ) {}

  /** `grant` is the engine's serialised grant (its STS secret included); `expiresAt` its credential's expiry. */
  public async save(jobId: string, mediaId: string, expiresAt: number, grant: string): Promise<boolean> {
    if (!(await this.cipher.isAvailable())) return false;
    const ciphertext = await this.cipher.encrypt(grant);
    this.db.prepare('DELETE FROM upload_auth_vault WHERE expires_at <= ?').run(this.now());
    this.db
      .prepare(
        `INSERT INTO upload_auth_vault (job_id, media_id, ciphertext, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (job_id) DO UPDATE SET media_id = excluded.media_id, ciphertext = excluded.ciphertext,
           expires_at = excluded.expires_at`,
      )
      .run(jobId, mediaId, ciphertext, expiresAt);
    return true;
  }

  /** The grant kept for this job's media, if any, still unexpired and readable. */
  public async load(jobId: string, mediaId: string): Promise<string | undefined> {
    const row = this.db
      .prepare('SELECT ciphertext, expires_at FROM upload_auth_vault WHERE job_id = ? AND media_id = ?')
      .get(jobId, mediaId) as { ciphertext: Buffer; expires_at: number } | undefined;
    if (row === undefined || row.expires_at <= this.now()) return undefined;
    try {
      if (!(await this.cipher.isAvailable())) return undefined;
      const decrypted = await this.cipher.decrypt(row.ciphertext);
      const grant = typeof decrypted === 'string' ? decrypted : decrypted.plain;
      this.redactor.register(grant);
      return grant;
    } catch {
      // A key that changed (data moved to another machine): the job re-creates its media, as without a vault.
      return undefined;
    }
  }

  public forget(jobId: string): void {
    this.db.prepare('DELETE FROM upload_auth_vault WHERE job_id = ?').run(jobId);
  }
}
