import { describe, expect, it } from 'vitest';
import {
  authorizationV1,
  canonicalizedOssHeaders,
  canonicalizedResource,
  stringToSign,
} from '../../../electron/core/oss/oss-signer';

describe('OSS V1 header signature', () => {
  it('reproduces the documented test vector (reference §3.1)', () => {
    const input = {
      method: 'PUT',
      bucket: 'oss-example',
      key: 'nelson',
      query: {},
      headers: {
        'Content-MD5': 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
        'Content-Type': 'text/html',
        Date: 'Thu, 17 Nov 2005 18:49:58 GMT',
        'X-OSS-Meta-Author': 'foo@bar.com',
        'X-OSS-Magic': 'abracadabra',
      },
    };
    expect(stringToSign(input)).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\n' +
        'x-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
    );
    expect(authorizationV1('44CF9590006BF252F707', 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', input)).toBe(
      'OSS 44CF9590006BF252F707:26NBxoKdsyly4EDv6inkoDft/yA=',
    );
  });

  it('signs the STS token among the OSS headers', () => {
    expect(canonicalizedOssHeaders({ 'x-oss-security-token': 'TOKEN', date: 'x' })).toBe(
      'x-oss-security-token:TOKEN\n',
    );
  });

  it('signs sub-resources sorted, and leaves paging parameters out', () => {
    expect(canonicalizedResource('b', 'k', { uploadId: 'XYZ', partNumber: '1' })).toBe(
      '/b/k?partNumber=1&uploadId=XYZ',
    );
    expect(canonicalizedResource('b', 'k', { uploads: null })).toBe('/b/k?uploads');
    expect(
      canonicalizedResource('b', 'k', { uploadId: 'U', 'max-parts': '1000', 'part-number-marker': '5' }),
    ).toBe('/b/k?uploadId=U');
  });
});
