import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProfileSummarySchema } from '../../../shared/domain/profile';
import { Redactor } from '../../../electron/core/log/redactor';
import { migration0002 } from '../../../electron/core/queue/migrations/0002-profiles';
import { CipherSecretStore } from '../../../electron/core/secrets/cipher-secret-store';
import { KeyFileCipher } from '../../../electron/core/secrets/key-file-cipher';
import type { SecretCipher } from '../../../electron/core/secrets/secret-store';
import { ProfilesService } from '../../../electron/core/vod/profiles-service';

function setup(cipher?: SecretCipher) {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  const db = new Database(join(dir, 'app.db'));
  db.pragma('foreign_keys = ON');
  migration0002.up(db);
  const redactor = new Redactor();
  const secrets = new CipherSecretStore(db, cipher ?? new KeyFileCipher(join(dir, 'secret.key')), redactor);
  let clock = Date.now();
  const service = new ProfilesService({ db, secrets, redactor, now: () => (clock += 1) });
  return { db, service, secrets, redactor };
}

const base = { name: 'Studio', region: 'cn-shanghai', defaults: { titleTemplate: '{name}', tags: [] } };

describe('ProfilesService', () => {
  it('saves an AccessKey profile: summary masks the key id and carries no secret; the row holds none', async () => {
    const { service, db, secrets } = setup();
    const summary = await service.save({
      ...base,
      credential: {
        kind: 'access-key',
        accessKeyId: 'LTAI5tAbCdEf1234',
        accessKeySecret: 'the-secret-value',
      },
    });
    expect(ProfileSummarySchema.strict().parse(summary)).toMatchObject({
      kind: 'access-key',
      accessKeyIdMasked: 'LTAI****1234',
      hasSecret: true,
    });
    expect(JSON.stringify(summary)).not.toContain('the-secret-value');
    const row = JSON.stringify(db.prepare('SELECT * FROM profiles').all());
    expect(row).not.toContain('the-secret-value');
    expect(await secrets.get(summary.id, 'accessKeySecret')).toBe('the-secret-value');
    expect(await service.list()).toEqual([summary]);
  });

  it('a new profile without its secret is a clear error and leaves nothing behind', async () => {
    const { service } = setup();
    await expect(
      service.save({ ...base, credential: { kind: 'access-key', accessKeyId: 'LTAI5tAbCdEf1234' } }),
    ).rejects.toMatchObject({
      code: 'PROFILE_SECRET_REQUIRED',
      message: expect.stringMatching(/AccessKey secret/),
    });
    await expect(
      service.save({
        ...base,
        credential: { kind: 'sts', mode: 'temporary', accessKeyId: 'STS.x', accessKeySecret: 'abcdefgh' },
      }),
    ).rejects.toMatchObject({
      code: 'PROFILE_SECRET_REQUIRED',
      message: expect.stringMatching(/security token/),
    });
    expect(await service.list()).toEqual([]);
  });

  it('editing without a secret keeps the stored one; changing the key id demands a new one', async () => {
    const { service, secrets } = setup();
    const first = await service.save({
      ...base,
      credential: {
        kind: 'access-key',
        accessKeyId: 'LTAI5tAbCdEf1234',
        accessKeySecret: 'the-secret-value',
      },
    });
    const renamed = await service.save({
      ...base,
      id: first.id,
      name: 'Renamed',
      credential: { kind: 'access-key', accessKeyId: 'LTAI5tAbCdEf1234' },
    });
    expect(renamed).toMatchObject({
      id: first.id,
      name: 'Renamed',
      hasSecret: true,
      createdAt: first.createdAt,
    });
    expect(await secrets.get(first.id, 'accessKeySecret')).toBe('the-secret-value');
    await expect(
      service.save({
        ...base,
        id: first.id,
        credential: { kind: 'access-key', accessKeyId: 'LTAI5tOTHERKEY999' },
      }),
    ).rejects.toMatchObject({
      code: 'PROFILE_SECRET_REQUIRED',
      message: expect.stringMatching(/ID changed/),
    });
  });

  it('editing with the AccessKey ID left out (the form shows it only masked) keeps the stored one', async () => {
    const { service, secrets, db } = setup();
    const first = await service.save({
      ...base,
      credential: {
        kind: 'access-key',
        accessKeyId: 'LTAI5tAbCdEf1234',
        accessKeySecret: 'the-secret-value',
      },
    });
    const edited = await service.save({
      ...base,
      id: first.id,
      region: 'cn-beijing',
      credential: { kind: 'access-key' },
    });
    expect(edited).toMatchObject({
      region: 'cn-beijing',
      accessKeyIdMasked: 'LTAI****1234',
      hasSecret: true,
    });
    expect(await secrets.get(first.id, 'accessKeySecret')).toBe('the-secret-value');
    expect(JSON.stringify(db.prepare('SELECT credential FROM profiles').all())).toContain('LTAI5tAbCdEf1234');
    // A new profile, or one switching kind, must name its key.
    await expect(
      service.save({ ...base, name: 'New', credential: { kind: 'access-key', accessKeySecret: 'x-secret' } }),
    ).rejects.toMatchObject({ code: 'PROFILE_KEY_ID_REQUIRED' });
    await expect(
      service.save({
        ...base,
        id: first.id,
        credential: { kind: 'sts', mode: 'assume-role', roleArn: 'acs:ram::1:role/x', accessKeySecret: 's' },
      }),
    ).rejects.toMatchObject({ code: 'PROFILE_KEY_ID_REQUIRED' });
  });

  it('switching kind drops secrets the new kind does not use; deleting removes row and secrets', async () => {
    const { service, db } = setup();
    const p = await service.save({
      ...base,
      credential: {
        kind: 'access-key',
        accessKeyId: 'LTAI5tAbCdEf1234',
        accessKeySecret: 'the-secret-value',
      },
    });
    const auth = await service.save({
      ...base,
      id: p.id,
      credential: { kind: 'auth-service', url: 'http://127.0.0.1:1/vod' },
    });
    expect(auth).toMatchObject({
      kind: 'auth-service',
      authServiceUrl: 'http://127.0.0.1:1/vod',
      hasSecret: false,
    });
    expect(auth.accessKeyIdMasked).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM profile_secrets').get()).toEqual({ n: 0 });
    await service.save({
      ...base,
      id: p.id,
      credential: { kind: 'auth-service', url: 'http://127.0.0.1:1/vod', bearerToken: 'bearer-123456' },
    });
    expect((await service.get(p.id)).hasSecret).toBe(true);
    await service.delete(p.id);
    expect(db.prepare('SELECT count(*) AS n FROM profile_secrets').get()).toEqual({ n: 0 });
    await expect(service.get(p.id)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it('refuses a duplicate name and an unknown region', async () => {
    const { service } = setup();
    await service.save({ ...base, credential: { kind: 'auth-service', url: 'http://127.0.0.1:1' } });
    await expect(
      service.save({
        ...base,
        name: 'studio',
        credential: { kind: 'auth-service', url: 'http://127.0.0.1:2' },
      }),
    ).rejects.toMatchObject({ code: 'PROFILE_NAME_TAKEN' });
    await expect(
      service.save({
        ...base,
        name: 'X',
        region: 'mars-1',
        credential: { kind: 'auth-service', url: 'http://127.0.0.1:2' },
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_REGION' });
  });

  it('refuses to save a secret when no encryption is available, rather than store it in clear', async () => {
    const unavailable: SecretCipher = {
      isAvailable: () => false,
      encrypt: () => Buffer.alloc(0),
      decrypt: () => '',
    };
    const { service, db } = setup(unavailable);
    await expect(
      service.save({
        ...base,
        credential: {
          kind: 'access-key',
          accessKeyId: 'LTAI5tAbCdEf1234',
          accessKeySecret: 'the-secret-value',
        },
      }),
    ).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
    expect(db.prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 0 });
  });

  it('test connection reports an expired pasted STS credential without calling anything', async () => {
    const { service } = setup();
    const verdict = await service.test({
      profile: {
        ...base,
        credential: {
          kind: 'sts',
          mode: 'temporary',
          accessKeyId: 'STS.abc',
          accessKeySecret: 'abcdefgh',
          securityToken: 'tokentoken',
          expiration: '2000-01-01T00:00:00Z',
        },
      },
    });
    expect(verdict).toMatchObject({ verdict: 'wrong-key', message: expect.stringMatching(/expired/) });
  });

  it('test connection says unreachable when nothing listens', async () => {
    const { service } = setup();
    const verdict = await service.test({
      profile: {
        ...base,
        endpoint: 'http://127.0.0.1:9',
        credential: {
          kind: 'access-key',
          accessKeyId: 'LTAI5tAbCdEf1234',
          accessKeySecret: 'the-secret-value',
        },
      },
    });
    expect(verdict.verdict).toBe('unreachable');
  });
});
