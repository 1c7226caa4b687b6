import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from './secret-store';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * The headless (CLI) cipher: AES-256-GCM with a random key kept in a file readable only by its owner (0600).
 *
 * This is weaker than the OS keychain the desktop app uses: anyone who can read the user's files (the same
 * user, root, a backup) can read the key and so the secrets. What it buys is that the database, its WAL and
 * backups of them hold no usable secret on their own. Servers should prefer the standard
 * ALIBABA_CLOUD_* environment variables or the credentials file (see headless-credentials.ts).
 *
 * Ciphertext layout: version byte | 12-byte IV | 16-byte GCM tag | ciphertext.
 */
export class KeyFileCipher implements SecretCipher {
  private key: Buffer | null = null;

  public constructor(private readonly keyFile: string) {}

  public isAvailable(): boolean {
    return true;
  }

  public encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  public decrypt(ciphertext: Buffer): string {
    if (ciphertext.length < 1 + IV_BYTES + TAG_BYTES || ciphertext[0] !== VERSION) {
      throw new Error('Unrecognised secret format');
    }
    const iv = ciphertext.subarray(1, 1 + IV_BYTES);
    const tag = ciphertext.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(ciphertext.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  private loadKey(): Buffer {
    if (this.key) return this.key;
    let key: Buffer;
    try {
      key = readFileSync(this.keyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dirname(this.keyFile), { recursive: true, mode: 0o700 });
      key = randomBytes(KEY_BYTES);
      try {
        // 'wx': never overwrite a key another process created meanwhile (that would orphan its secrets).
        writeFileSync(this.keyFile, key, { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        key = readFileSync(this.keyFile);
      }
    }
    if (key.length !== KEY_BYTES)
      throw new Error(`The secret key file ${this.keyFile} is damaged (wrong length)`);
    if (process.platform !== 'win32' && (statSync(this.keyFile).mode & 0o077) !== 0)
      chmodSync(this.keyFile, 0o600);
    this.key = key;
    return key;
  }
}
