import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { v1CanonicalResource, v1Signature, v1StringToSign } from '../../emulator/oss/signature-v1';
import {
  parseV4Authorization,
  v4CanonicalRequest,
  v4Signature,
  v4StringToSign,
} from '../../emulator/oss/signature-v4';

describe('OSS V1 signature, reference §3.1 vector', () => {
  const stringToSign = v1StringToSign({
    method: 'PUT',
    contentMd5: 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
    contentType: 'text/html',
    date: 'Thu, 17 Nov 2005 18:49:58 GMT',
    headers: { 'x-oss-meta-author': 'foo@bar.com', 'x-oss-magic': 'abracadabra', host: 'ignored' },
    resource: '/oss-example/nelson',
  });

  it('builds the documented StringToSign (OSS headers sorted, others ignored)', () => {
    expect(stringToSign).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\n' +
        'x-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
    );
  });

  it('gives the documented signature', () => {
    expect(v1Signature('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', stringToSign)).toBe(
      '26NBxoKdsyly4EDv6inkoDft/yA=',
    );
  });

  it('signs only sub-resources, sorted, a value-less one as its bare name', () => {
    expect(
      v1CanonicalResource('b', 'video/a.mp4', [
        ['uploadId', 'XYZ'],
        ['partNumber', '1'],
        ['max-parts', '1000'],
      ]),
    ).toBe('/b/video/a.mp4?partNumber=1&uploadId=XYZ');
    expect(v1CanonicalResource('b', 'k', [['uploads', '']])).toBe('/b/k?uploads');
    expect(v1CanonicalResource('b', '', [])).toBe('/b/');
  });
});

describe('OSS V4 signature, cross-checked with ali-oss 6.x signUtils', () => {
  // ali-oss's own implementation is an independent reference (reference §3.2).
  const signUtils = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as {
    authorizationV4: (...args: unknown[]) => string;
  };
  const headers = {
    'x-oss-date': '20261121T103124Z',
    'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
    'x-oss-security-token': 'TOKEN',
    'content-type': 'video/mp4',
  };

  it.each([
    ['UploadPart', 'PUT', { partNumber: '1', uploadId: '0004B98' }],
    ['ListParts', 'GET', { uploadId: 'U', 'max-parts': '1000', 'part-number-marker': '5' }],
    ['Initiate', 'POST', { uploads: null }],
  ])('%s: the emulator computes the signature ali-oss sends', (_name, method, queries) => {
    const authorization = signUtils.authorizationV4(
      'STS.id',
      'secret',
      'cn-shanghai',
      method,
      { headers, queries },
      'bucket',
      'sv/a b+c.mp4',
      undefined,
    );
    const parsed = parseV4Authorization(authorization)!;
    expect(parsed).toMatchObject({
      accessKeyId: 'STS.id',
      date: '20261121',
      region: 'cn-shanghai',
      product: 'oss',
    });
    const canonical = v4CanonicalRequest({
      method,
      bucket: 'bucket',
      key: 'sv/a b+c.mp4',
      query: Object.entries(queries).map(([k, v]) => [k, v ?? ''] as const),
      headers,
      additionalHeaders: [],
    });
    const signature = v4Signature(
      'secret',
      '20261121',
      'cn-shanghai',
      v4StringToSign('cn-shanghai', headers['x-oss-date'], canonical),
    );
    expect(signature).toBe(parsed.signature);
    expect(
      v4Signature(
        'wrong',
        '20261121',
        'cn-shanghai',
        v4StringToSign('cn-shanghai', headers['x-oss-date'], canonical),
      ),
    ).not.toBe(parsed.signature);
  });

  it('refuses a malformed Authorization header', () => {
    expect(
      parseV4Authorization('OSS4-HMAC-SHA256 Credential=AK/20261121/cn-shanghai/oss,Signature=x'),
    ).toBeUndefined();
    expect(parseV4Authorization('OSS AK:sig')).toBeUndefined();
  });
});
