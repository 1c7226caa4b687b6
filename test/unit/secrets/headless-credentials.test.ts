import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/log/redactor';
import { loadHeadlessCredential } from '../../../electron/core/secrets/headless-credentials';

const KEYS = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_CLI_PROFILE_DISABLED',
  'HOME',
];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

function isolate() {
  for (const k of KEYS) delete process.env[k];
  process.env.HOME = mkdtempSync(join(tmpdir(), 'home-'));
  process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true';
}

describe('loadHeadlessCredential', () => {
  it('reads the standard environment variables and registers the secret for redaction', async () => {
    isolate();
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI5tEnvKey';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret-value';
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = 'env-token-value';
    const redactor = new Redactor();
    const c = await loadHeadlessCredential(redactor);
    expect(c).toMatchObject({
      accessKeyId: 'LTAI5tEnvKey',
      accessKeySecret: 'env-secret-value',
      securityToken: 'env-token-value',
      source: 'environment variables',
    });
    expect(redactor.redactString('env-secret-value env-token-value')).toBe('[REDACTED] [REDACTED]');
  });

  it('falls back to the credentials file', async () => {
    isolate();
    const file = join(process.env.HOME!, 'credentials');
    writeFileSync(
      file,
      '[default]\ntype = access_key\naccess_key_id = LTAI5tFileKey\naccess_key_secret = file-secret-value\n',
    );
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    expect(await loadHeadlessCredential(new Redactor())).toMatchObject({
      accessKeyId: 'LTAI5tFileKey',
      source: 'credentials file',
    });
  });

  it('says what to set when nothing is configured', async () => {
    isolate();
    await expect(loadHeadlessCredential(new Redactor())).rejects.toMatchObject({
      code: 'NO_HEADLESS_CREDENTIALS',
      message: expect.stringMatching(/ALIBABA_CLOUD_ACCESS_KEY_ID/),
    });
  });
});
