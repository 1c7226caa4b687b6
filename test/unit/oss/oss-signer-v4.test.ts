import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalUri,
  signV4,
  type V4SignInput,
} from '../../../electron/core/oss/oss-signer-v4';
import { regionFromEndpoint, signingRegion } from '../../../electron/core/oss/oss-region';
import { OssError } from '../../../electron/core/oss/oss-error';

/** ali-oss (>= 6.20) ships Alibaba's own V4 signer: an independent implementation to agree with. */
const aliOss = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as {
  authorizationV4: (
    accessKeyId: string,
    secret: string,
    region: string,
    method: string,
    request: { headers: Record<string, string>; queries: Record<string, string | null> },
    bucket: string,
    object: string,
    additionalHeaders?: string[],
  ) => string;
};

function aliOssAuthorization(input: V4SignInput, sent: Record<string, string>): string {
  const headers = { ...sent };
  delete headers['authorization'];
  return aliOss.authorizationV4(
    input.accessKeyId,
    input.accessKeySecret,
    input.region,
    input.method,
    { headers, queries: { ...input.query } },
    input.bucket,
    input.key,
    input.additionalHeaders ? [...input.additionalHeaders] : undefined,
  );
}

describe('OSS V4 signature: Alibaba’s published vectors', () => {
  // The request of the Go SDK v2's signer tests (aliyun/alibabacloud-oss-go-sdk-v2, oss/signer/signer_test.go,
  // TestV4AuthHeader*): a key with '+', query names with '+' and '|', value-less parameters, headers that are
  // not signed unless named as additional headers.
  const vector: Omit<V4SignInput, 'date'> = {
    method: 'PUT',
    bucket: 'bucket',
    key: '1234+-/123/1.txt',
    query: {
      param1: 'value1',
      '+param1': 'value3',
      '|param1': 'value4',
      '+param2': '',
      '|param2': '',
      param2: '',
    },
    headers: {
      'x-oss-head1': 'value',
      abc: 'value',
      ZAbc: 'value',
      XYZ: 'value',
      'content-type': 'text/plain',
    },
    accessKeyId: 'ak',
    accessKeySecret: 'sk',
    region: 'cn-hangzhou',
  };

  it('signs the plain request', () => {
    const signed = signV4({ ...vector, date: new Date(1702743657 * 1000) });
    expect(signed.headers['x-oss-date']).toBe('20231216T162057Z');
    expect(signed.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,' +
        'Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
    );
    // Sorted by encoded name (%2B < %7C < p), a value-less parameter as its bare name.
    expect(signed.canonicalRequest.split('\n')[2]).toBe(
      '%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2',
    );
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/bucket/1234%2B-/123/1.txt');
  });

  it('signs the security token', () => {
    const signed = signV4({ ...vector, securityToken: 'token', date: new Date(1702784856 * 1000) });
    expect(signed.headers['x-oss-security-token']).toBe('token');
    expect(signed.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,' +
        'Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea',
    );
  });

  it('signs additional headers (lower-cased, sorted, the always-signed ones left out)', () => {
    const expected =
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,' +
      'Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f';
    const date = new Date(1702747512 * 1000);
    expect(signV4({ ...vector, additionalHeaders: ['ZAbc', 'abc'], date }).headers['authorization']).toBe(
      expected,
    );
    expect(
      signV4({ ...vector, additionalHeaders: ['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc'], date })
        .headers['authorization'],
    ).toBe(expected);
  });

  it('a different secret, region or date gives a different signature', () => {
    const date = new Date(1702743657 * 1000);
    const good = signV4({ ...vector, date }).headers['authorization'];
    expect(signV4({ ...vector, accessKeySecret: 'sk2', date }).headers['authorization']).not.toBe(good);
    expect(signV4({ ...vector, region: 'cn-shanghai', date }).headers['authorization']).not.toBe(good);
    expect(signV4({ ...vector, date: new Date(date.getTime() + 1000) }).headers['authorization']).not.toBe(
      good,
    );
  });

  it('refuses to sign an additional header the request does not carry', () => {
    expect(() => signV4({ ...vector, additionalHeaders: ['host'], date: new Date() })).toThrow(/host/);
  });

  // The OSS guide "Include a V4 signature in the Authorization header" shows, as its Authorization example,
  // Signature=4b663e42…63fa for a request of 2023-12-03 in cn-hangzhou. The page's inputs as an independent
  // client's tests reproduce them (PutObject of examplebucket/exampleobject with Content-MD5, Content-Type,
  // two x-oss-meta-* headers, Host as the additional header, secret "accesskeysecret") give that value.
  it("gives the signature of the OSS guide's example", () => {
    const signed = signV4({
      method: 'PUT',
      bucket: 'examplebucket',
      key: 'exampleobject',
      query: {},
      headers: {
        'Content-MD5': 'eB5eJF1ptWaXm4bijSPyxw',
        'Content-Type': 'text/html',
        'x-oss-meta-author': 'alice',
        'x-oss-meta-magic': 'abracadabra',
        host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
        date: 'Sun, 03 Dec 2023 12:12:12 GMT',
      },
      additionalHeaders: ['host'],
      accessKeyId: 'accesskeyid',
      accessKeySecret: 'accesskeysecret',
      region: 'cn-hangzhou',
      date: new Date(Date.UTC(2023, 11, 3, 12, 12, 12)),
    });
    expect(signed.headers['x-oss-date']).toBe('20231203T121212Z');
    expect(signed.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=accesskeyid/20231203/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,' +
        'Signature=4b663e424d2db9967401ff6ce1c86f8c83cabd77d9908475239d9110642c63fa',
    );
  });
});

describe('OSS V4 signature: object keys and query parameters', () => {
  const base: V4SignInput = {
    method: 'PUT',
    bucket: 'outin-b',
    key: 'sv/a.mp4',
    query: {},
    headers: { 'content-type': 'video/mp4' },
    accessKeyId: 'STS.id',
    accessKeySecret: 'secret',
    securityToken: 'TOKEN',
    region: 'cn-shanghai',
    date: new Date(Date.UTC(2026, 10, 21, 10, 31, 24)),
  };

  it.each([
    ['a space', 'sv/my video.mp4', '/outin-b/sv/my%20video.mp4'],
    ['Chinese', 'sv/视频 一.mp4', '/outin-b/sv/%E8%A7%86%E9%A2%91%20%E4%B8%80.mp4'],
    ['a plus', 'sv/a+b.mp4', '/outin-b/sv/a%2Bb.mp4'],
    ["RFC 3986's reserved !'()*", "sv/(1)!'*.mp4", '/outin-b/sv/%281%29%21%27%2A.mp4'],
    ['unreserved -._~', 'sv/a-b_c.d~e.mp4', '/outin-b/sv/a-b_c.d~e.mp4'],
  ])('encodes a key with %s in the canonical URI, as ali-oss does', (_what, key, uri) => {
    expect(canonicalUri('outin-b', key)).toBe(uri);
    const input = { ...base, key };
    const signed = signV4(input);
    expect(signed.canonicalRequest.split('\n')[1]).toBe(uri);
    expect(signed.headers['authorization']).toBe(aliOssAuthorization(input, signed.headers));
  });

  it.each([
    ['InitiateMultipartUpload', 'POST', { uploads: null }, 'uploads'],
    ['UploadPart', 'PUT', { partNumber: '3', uploadId: 'U+1/2' }, 'partNumber=3&uploadId=U%2B1%2F2'],
    ['CompleteMultipartUpload', 'POST', { uploadId: 'U' }, 'uploadId=U'],
    [
      'ListParts',
      'GET',
      { uploadId: 'U', 'max-parts': '1000', 'part-number-marker': '5' },
      'max-parts=1000&part-number-marker=5&uploadId=U',
    ],
    ['HeadObject with a sub-resource', 'HEAD', { objectMeta: null }, 'objectMeta'],
    [
      'a value with a space and Chinese',
      'GET',
      { 'x-oss-process': 'a b/视' },
      'x-oss-process=a%20b%2F%E8%A7%86',
    ],
  ])('%s: every query parameter is signed, encoded and sorted', (_op, method, query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
    const input = { ...base, method, query };
    const signed = signV4(input);
    expect(signed.headers['authorization']).toBe(aliOssAuthorization(input, signed.headers));
  });

  it('sends the date, the payload marker and the token, and signs them', () => {
    const signed = signV4(base);
    expect(signed.headers['x-oss-date']).toBe('20261121T103124Z');
    const lines = signed.canonicalRequest.split('\n');
    expect(lines).toContain('x-oss-security-token:TOKEN');
    expect(lines).toContain('x-oss-content-sha256:UNSIGNED-PAYLOAD');
    expect(lines.at(-1)).toBe('UNSIGNED-PAYLOAD');
    expect(signed.stringToSign.split('\n').slice(0, 3)).toEqual([
      'OSS4-HMAC-SHA256',
      '20261121T103124Z',
      '20261121/cn-shanghai/oss/aliyun_v4_request',
    ]);
  });
});

/** A small seeded PRNG, so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('OSS V4 signature agrees with ali-oss on generated requests', () => {
  const random = mulberry32(20261202);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (alphabet: readonly string[], min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(alphabet)).join('');
  const keyChars = [..."abcXYZ019 +-_.~!*()'&=?#%,;:@$/", '视', '频', '上传', 'é', '😀'];
  const nameChars = [...'abcdefghijklmnopqrstuvwxyz0123456789-'];
  const valueChars = [...'abcXYZ019 +-_.~/=&?%', '视', 'é'];
  const operations: readonly [string, Record<string, string | null>][] = [
    ['PUT', {}],
    ['POST', { uploads: null }],
    ['PUT', { partNumber: '1', uploadId: 'X' }],
    ['GET', { uploadId: 'X', 'max-parts': '1000' }],
    ['POST', { uploadId: 'X' }],
    ['DELETE', { uploadId: 'X' }],
    ['HEAD', {}],
  ];

  function generate(): V4SignInput {
    const [method, fixed] = pick(operations);
    const query: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(fixed))
      query[k] = v === null ? null : `${v}${text(valueChars, 0, 6)}`;
    // Extra names start with 'q': ali-oss sorts names by locale, OSS by byte; both agree on these.
    for (let i = Math.floor(random() * 3); i > 0; i--) {
      query[`q${text(nameChars, 1, 8)}`] = random() < 0.3 ? null : text(valueChars, 1, 12);
    }
    const headers: Record<string, string> = {};
    if (random() < 0.7)
      headers[pick(['content-type', 'Content-Type'])] = pick(['video/mp4', 'application/xml']);
    if (random() < 0.5) headers['content-md5'] = '1B2M2Y8AsgTpgAmY7PhCfg==';
    if (random() < 0.4) headers[`x-oss-meta-${text(nameChars, 1, 6)}`] = ` ${text(valueChars, 1, 10)} `;
    const additional: string[] = [];
    if (random() < 0.3) {
      headers['host'] = 'outin-b.oss-cn-shanghai.aliyuncs.com';
      additional.push(pick(['host', 'Host']));
    }
    if (random() < 0.2) {
      headers['content-length'] = String(Math.floor(random() * 1e9));
      additional.push('content-length');
    }
    return {
      method,
      bucket: pick(['outin-b', 'my-bucket-1']),
      key: text(keyChars, 1, 24),
      query,
      headers,
      additionalHeaders: additional.length > 0 ? additional : undefined,
      accessKeyId: `STS.${text(nameChars, 8, 12)}`,
      accessKeySecret: text([...'abcdefXYZ0123456789+/='], 20, 30),
      securityToken: random() < 0.8 ? text([...'abcXYZ019+/='], 10, 60) : undefined,
      region: pick(['cn-shanghai', 'cn-hangzhou', 'ap-southeast-1', 'us-west-1']),
      date: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 4e10)),
    };
  }

  it('signs 400 random requests exactly as ali-oss authorizationV4 does', () => {
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const input = generate();
      const signed = signV4(input);
      expect(signed.headers['authorization'], JSON.stringify(input)).toBe(
        aliOssAuthorization(input, signed.headers),
      );
      compared++;
    }
    expect(compared).toBe(400);
  });
});

describe('signing region', () => {
  it.each([
    ['https://oss-cn-shanghai.aliyuncs.com', 'cn-shanghai'],
    ['oss-cn-hangzhou.aliyuncs.com', 'cn-hangzhou'],
    ['https://outin-b.oss-ap-southeast-1.aliyuncs.com', 'ap-southeast-1'],
    ['http://oss-cn-beijing-internal.aliyuncs.com', 'cn-beijing'],
    ['https://oss-us-west-1.aliyuncs.com:443', 'us-west-1'],
  ])('reads the region of %s', (endpoint, region) => {
    expect(regionFromEndpoint(endpoint)).toBe(region);
  });

  it.each([['http://127.0.0.1:4000'], ['https://oss-accelerate.aliyuncs.com'], ['https://example.com']])(
    'finds none in %s',
    (endpoint) => {
      expect(regionFromEndpoint(endpoint)).toBeUndefined();
    },
  );

  it("prefers UploadAuth's Region, accepting ali-oss's oss- prefix", () => {
    expect(signingRegion('cn-beijing', 'https://oss-cn-shanghai.aliyuncs.com')).toBe('cn-beijing');
    expect(signingRegion('oss-cn-beijing', 'http://127.0.0.1:1')).toBe('cn-beijing');
    expect(signingRegion(undefined, 'https://oss-cn-shanghai.aliyuncs.com')).toBe('cn-shanghai');
    expect(signingRegion('', 'https://oss-cn-shanghai.aliyuncs.com')).toBe('cn-shanghai');
  });

  it('says what is missing when neither gives a region', () => {
    let error: unknown;
    try {
      signingRegion(undefined, 'http://127.0.0.1:4000');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OssError);
    expect((error as OssError).code).toBe('OssRegionUnknown');
    expect((error as OssError).message).toMatch(/names no region.*127\.0\.0\.1:4000/);
  });
});
