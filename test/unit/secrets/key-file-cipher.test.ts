import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileCipher } from '../../../electron/core/secrets/key-file-cipher';

describe('KeyFileCipher', () => {
  it('round-trips, never stores the plain text, and creates its key with mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kf-'));
    const keyFile = join(dir, 'keys', 'secret.key');
    const cipher = new KeyFileCipher(keyFile);
    const box = cipher.encrypt('my-plain-secret');
    expect(box.includes(Buffer.from('my-plain-secret'))).toBe(false);
    expect(cipher.decrypt(box)).toBe('my-plain-secret');
    expect(readFileSync(keyFile)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // A second instance (a later run) reads the same key.
    expect(new KeyFileCipher(keyFile).decrypt(box)).toBe('my-plain-secret');
  });

  it('uses a fresh IV per value and rejects tampered or foreign ciphertext', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kf-'));
    const cipher = new KeyFileCipher(join(dir, 'secret.key'));
    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');
    expect(a.equals(b)).toBe(false);
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => new KeyFileCipher(join(dir, 'other.key')).decrypt(a)).toThrow();
    expect(() => cipher.decrypt(Buffer.from('short'))).toThrow(/format/);
  });
});
