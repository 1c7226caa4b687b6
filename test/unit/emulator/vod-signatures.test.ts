import { describe, expect, it } from 'vitest';
import { rpcSignature, rpcStringToSign } from '../../emulator/vod/signature-rpc';
import {
  EMPTY_SHA256,
  parseV3Authorization,
  v3CanonicalRequest,
  v3Signature,
} from '../../emulator/vod/signature-v3';

describe('VOD RPC signature (HMAC-SHA1), reference §2.1 vector', () => {
  const params = {
    AccessKeyId: 'testAccessKeyId',
    Action: 'GetVideoPlayAuth',
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
    SignatureVersion: '1.0',
    Timestamp: '2017-10-10T12:02:54Z',
    Version: '2017-03-21',
    VideoId: '5aed81b74ba84920be578cdfe004af4b',
  };

  it('gives the documented signature', () => {
    expect(rpcSignature('GET', params, 'testAccessKeySecret')).toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=');
  });

  it('double-encodes the Timestamp inside the StringToSign and ignores Signature', () => {
    const sts = rpcStringToSign('GET', { ...params, Signature: 'ignored' });
    expect(sts.startsWith('GET&%2F&AccessKeyId%3DtestAccessKeyId')).toBe(true);
    expect(sts).toContain('12%253A02%253A54Z');
    expect(sts).not.toContain('ignored');
  });

  it('changes with the secret or any parameter', () => {
    expect(rpcSignature('GET', params, 'other')).not.toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=');
    expect(rpcSignature('POST', params, 'testAccessKeySecret')).not.toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=');
    expect(rpcSignature('GET', { ...params, VideoId: 'x' }, 'testAccessKeySecret')).not.toBe(
      'Ibgh7y8Vp47LBuAsf5Xhi1SvDss=',
    );
  });
});

describe('VOD V3 signature (ACS3-HMAC-SHA256), reference §2.2 vector', () => {
  const signedHeaders = [
    'host',
    'x-acs-action',
    'x-acs-content-sha256',
    'x-acs-date',
    'x-acs-signature-nonce',
    'x-acs-version',
  ];
  const request = {
    method: 'POST',
    path: '/',
    query: [
      ['FileName', 'a b.mp4'],
      ['Title', 'My video'],
    ] as const,
    headers: {
      host: 'vod.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'CreateUploadVideo',
      'x-acs-version': '2017-03-21',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
    payloadHash: EMPTY_SHA256,
  };

  it('gives the documented signature', () => {
    expect(v3Signature(v3CanonicalRequest(request, signedHeaders), 'testAccessKeySecret')).toBe(
      '4c97e0b83e6503365b1d67ed372a4b41c877efcc7c4dfd9845370bc191c26e15',
    );
  });

  it('sorts the query and encodes a space as %20', () => {
    const canonical = v3CanonicalRequest(request, signedHeaders);
    expect(canonical.split('\n')[2]).toBe('FileName=a%20b.mp4&Title=My%20video');
  });

  it('changes when a signed header or the secret changes', () => {
    const other = { ...request, headers: { ...request.headers, 'x-acs-date': '2024-01-01T00:00:01Z' } };
    expect(v3Signature(v3CanonicalRequest(other, signedHeaders), 'testAccessKeySecret')).not.toBe(
      '4c97e0b83e6503365b1d67ed372a4b41c877efcc7c4dfd9845370bc191c26e15',
    );
    expect(v3Signature(v3CanonicalRequest(request, signedHeaders), 'x')).not.toBe(
      '4c97e0b83e6503365b1d67ed372a4b41c877efcc7c4dfd9845370bc191c26e15',
    );
  });

  it('parses the Authorization header and refuses a malformed one', () => {
    expect(
      parseV3Authorization('ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=abc'),
    ).toEqual({ accessKeyId: 'AK', signedHeaders: ['host', 'x-acs-date'], signature: 'abc' });
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=AK')).toBeUndefined();
    expect(parseV3Authorization('OSS a:b')).toBeUndefined();
  });
});
