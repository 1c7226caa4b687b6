import { safeStorage } from 'electron';
import type { SecretCipher } from '../../core/secrets/secret-store';

/**
 * The app's SecretCipher: Electron safeStorage (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet).
 * Call only after app 'ready' (safeStorage is unusable before it).
 *
 * On Linux without a keyring Electron falls back to a hard-coded password ('basic_text'): that is obfuscation,
 * not encryption, so this adapter reports itself unavailable then and the store refuses to save secrets
 * instead of pretending they are protected.
 */
export class SafeStorageCipher implements SecretCipher {
  public isAvailable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return false;
    return true;
  }

  public encrypt(plain: string): Buffer {
    return safeStorage.encryptString(plain);
  }

  public decrypt(ciphertext: Buffer): string {
    return safeStorage.decryptString(ciphertext);
  }
}
