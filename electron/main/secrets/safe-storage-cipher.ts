import { safeStorage } from 'electron';
import type { DecryptedSecret, SecretCipher } from '../../core/secrets/secret-store';

/**
 * The app's SecretCipher: Electron safeStorage (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet), through
 * its asynchronous API (the synchronous calls are deprecated since Electron 38 and block the main process on the
 * keychain). Call only after app 'ready'.
 *
 * On Linux without a keyring Electron falls back to a hard-coded password ('basic_text'): that is obfuscation,
 * not encryption, so this adapter reports itself unavailable then and the store refuses to save secrets
 * instead of pretending they are protected.
 */
export class SafeStorageCipher implements SecretCipher {
  public async isAvailable(): Promise<boolean> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return false;
    return true;
  }

  public encrypt(plain: string): Promise<Buffer> {
    return safeStorage.encryptStringAsync(plain);
  }

  /** Also says when the OS rotated the key, so the store writes a fresh ciphertext. */
  public async decrypt(ciphertext: Buffer): Promise<DecryptedSecret> {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(ciphertext);
    return { plain: result, reEncrypt: shouldReEncrypt };
  }
}
