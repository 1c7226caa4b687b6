import { describe, expect, it } from 'vitest';
import { decodeUploadAddress, decodeUploadAuth, toUploadGrant } from '../../../electron/core/vod/upload-auth';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const address = {
  Endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
  Bucket: 'outin-0f1e2d3c',
  FileName: 'sv/2b7c/2b7c.mp4',
};
const auth = {
  SecurityToken: 'CAIS-token-value',
  AccessKeyId: 'STS.NUkY',
  ExpireUTCTime: '2026-11-21T11:20:31Z',
  AccessKeySecret: 'sts-secret-value',
  Expiration: '3000',
  Region: 'cn-shanghai',
};

describe('upload auth decoding', () => {
  it('decodes the documented pair; ExpireUTCTime when it comes before issue time + Expiration', () => {
    const issuedAt = Date.parse('2026-11-21T10:40:00Z');
    const grant = toUploadGrant(
      { mediaId: 'vid1', uploadAddress: b64(address), uploadAuth: b64(auth), requestId: 'r1' },
      'video',
      issuedAt,
    );
    expect(grant.target).toEqual({
      mediaId: 'vid1',
      kind: 'video',
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'outin-0f1e2d3c',
      objectKey: 'sv/2b7c/2b7c.mp4',
      region: 'cn-shanghai',
    });
    expect(grant.credential).toEqual({
      accessKeyId: 'STS.NUkY',
      accessKeySecret: 'sts-secret-value',
      securityToken: 'CAIS-token-value',
      expiresAt: Date.parse('2026-11-21T11:20:31Z'),
      issuedAt,
    });
    expect(grant.requestId).toBe('r1');
  });

  it('a server clock ahead of ours cannot stretch the credential: issue time + Expiration then comes first', () => {
    // Issued at 10:50:31 on the server's clock (ExpireUTCTime 11:40:31), received at 10:30:31 on ours.
    const issuedAt = Date.parse('2026-11-21T10:30:31Z');
    const ahead = { ...auth, ExpireUTCTime: '2026-11-21T11:40:31Z' };
    expect(decodeUploadAuth(b64(ahead), issuedAt).credential.expiresAt).toBe(issuedAt + 3_000_000);
  });

  it('falls back to issue time + Expiration seconds (a duration, not a date)', () => {
    const { ExpireUTCTime: _drop, ...relative } = auth;
    expect(decodeUploadAuth(b64(relative), 1_000_000).credential.expiresAt).toBe(1_000_000 + 3_000_000);
    expect(decodeUploadAuth(b64({ ...relative, Expiration: 60 }), 5).credential.expiresAt).toBe(60_005);
  });

  it('keeps an http endpoint (the emulator) and adds https:// to a bare host', () => {
    expect(
      decodeUploadAddress(b64({ ...address, Endpoint: 'http://127.0.0.1:9000' }), 'm', 'image').endpoint,
    ).toBe('http://127.0.0.1:9000');
    expect(
      decodeUploadAddress(b64({ ...address, Endpoint: 'oss-cn-beijing.aliyuncs.com' }), 'm', 'image')
        .endpoint,
    ).toBe('https://oss-cn-beijing.aliyuncs.com');
  });

  it('rejects malformed values with a clear error that names fields but never the secret', () => {
    expect(() => decodeUploadAddress('!!!not base64 json', 'm', 'video')).toThrow(/not base64-encoded JSON/);
    expect(() => decodeUploadAddress(b64({ Endpoint: 'x' }), 'm', 'video')).toThrow(
      /Bucket.*FileName|Bucket/,
    );
    const { SecurityToken: _t, ...noToken } = auth;
    let message = '';
    try {
      decodeUploadAuth(b64(noToken), 0);
    } catch (e) {
      message = (e as Error).message;
      expect((e as { code: string }).code).toBe('UPLOAD_AUTH_INVALID');
    }
    expect(message).toMatch(/SecurityToken/);
    expect(message).not.toContain('sts-secret-value');
    const { ExpireUTCTime: _e, Expiration: _x, ...noExpiry } = auth;
    expect(() => decodeUploadAuth(b64(noExpiry), 0)).toThrow(/neither ExpireUTCTime nor Expiration/);
    expect(() => decodeUploadAuth(b64({ ...auth, ExpireUTCTime: undefined, Expiration: 'soon' }), 0)).toThrow(
      /Expiration/,
    );
  });
});
