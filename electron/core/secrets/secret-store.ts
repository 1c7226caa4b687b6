/**
 * Where profile secrets live. Profiles themselves are ordinary rows; their secrets go through this interface
 * only, so that no code path can write one to the profiles table, a log or an IPC payload by accident.
 */
export type SecretField = 'accessKeySecret' | 'securityToken' | 'bearerToken';

export interface SecretStore {
  get(profileId: string, field: SecretField): Promise<string | undefined>;
  /** Whether a value is stored, without decrypting it. */
  has(profileId: string, field: SecretField): Promise<boolean>;
  set(profileId: string, field: SecretField, value: string): Promise<void>;
  /** Deletes one field, or every secret of the profile when `field` is omitted. */
  delete(profileId: string, field?: SecretField): Promise<void>;
}

/**
 * Encrypts secrets at rest. In the app: Electron safeStorage (the OS keychain / DPAPI / libsecret key);
 * headless: an AES-256-GCM key file (see key-file-cipher.ts and docs/credentials.md).
 */
export interface SecretCipher {
  /** False when no encryption backend is usable; the store then refuses to save rather than save in clear. */
  isAvailable(): boolean | Promise<boolean>;
  encrypt(plain: string): Buffer | Promise<Buffer>;
  /** The plain text, or with `reEncrypt` when the backend rotated its key and wants a fresh ciphertext stored. */
  decrypt(ciphertext: Buffer): string | DecryptedSecret | Promise<string | DecryptedSecret>;
}

export interface DecryptedSecret {
  readonly plain: string;
  readonly reEncrypt: boolean;
}
