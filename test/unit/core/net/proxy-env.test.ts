import { describe, expect, it } from 'vitest';
import { envProxyResolver, proxyForUrl } from '../../../../electron/core/net/proxy-env';
import { proxyUrlFromPacResult } from '../../../../electron/core/net/pac-result';

const OSS = 'https://my-bucket.oss-cn-shanghai.aliyuncs.com/sv/abc.mp4?uploadId=1';
const VOD = 'https://vod.cn-shanghai.aliyuncs.com/';

describe('proxyForUrl (HTTPS_PROXY / HTTP_PROXY / NO_PROXY)', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, adding http:// when the scheme is missing', () => {
    const env = { HTTPS_PROXY: 'corp:3128', HTTP_PROXY: 'http://plain:8080' };
    expect(proxyForUrl(OSS, env)).toBe('http://corp:3128');
    expect(proxyForUrl('http://127.0.0.1:9000/x', env)).toBe('http://plain:8080');
  });

  it('prefers the lower-case variable, falls back to ALL_PROXY, and ignores empty values', () => {
    expect(proxyForUrl(VOD, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe(
      'http://lower:1',
    );
    expect(proxyForUrl(VOD, { ALL_PROXY: 'http://all:3' })).toBe('http://all:3');
    expect(proxyForUrl(VOD, { HTTPS_PROXY: '  ' })).toBeNull();
    expect(proxyForUrl(VOD, {})).toBeNull();
  });

  it('NO_PROXY: domains match themselves and subdomains, with or without a leading dot', () => {
    const base = { HTTPS_PROXY: 'http://corp:3128' };
    expect(proxyForUrl(OSS, { ...base, NO_PROXY: 'aliyuncs.com' })).toBeNull();
    expect(proxyForUrl(OSS, { ...base, NO_PROXY: '.aliyuncs.com' })).toBeNull();
    expect(proxyForUrl(OSS, { ...base, NO_PROXY: '*.aliyuncs.com' })).toBeNull();
    expect(proxyForUrl(OSS, { ...base, no_proxy: 'example.com, localhost' })).toBe('http://corp:3128');
    // A suffix that is not a domain boundary does not match.
    expect(proxyForUrl(OSS, { ...base, NO_PROXY: 'yuncs.com' })).toBe('http://corp:3128');
    expect(proxyForUrl(OSS, { ...base, NO_PROXY: '*' })).toBeNull();
  });

  it('NO_PROXY: ports and IP literals', () => {
    const base = { HTTP_PROXY: 'http://corp:3128', HTTPS_PROXY: 'http://corp:3128' };
    expect(proxyForUrl('http://127.0.0.1:9000/', { ...base, NO_PROXY: '127.0.0.1' })).toBeNull();
    expect(proxyForUrl('http://127.0.0.1:9000/', { ...base, NO_PROXY: '127.0.0.1:9001' })).toBe(
      'http://corp:3128',
    );
    expect(proxyForUrl(VOD, { ...base, NO_PROXY: 'vod.cn-shanghai.aliyuncs.com:443' })).toBeNull();
    expect(proxyForUrl('http://[::1]:8080/', { ...base, NO_PROXY: '::1' })).toBeNull();
    expect(proxyForUrl('http://[::1]:8080/', { ...base, NO_PROXY: '[::1]:8080' })).toBeNull();
  });

  it('never proxies what is not http(s), or not a URL', () => {
    expect(proxyForUrl('ftp://x/', { ALL_PROXY: 'http://all:3' })).toBeNull();
    expect(proxyForUrl('not a url', { ALL_PROXY: 'http://all:3' })).toBeNull();
  });

  it('envProxyResolver reads the environment once', async () => {
    const env: Record<string, string | undefined> = { HTTPS_PROXY: 'http://first:1' };
    const resolve = envProxyResolver(env);
    env.HTTPS_PROXY = 'http://second:2';
    expect(await resolve(VOD)).toBe('http://first:1');
  });
});

describe('proxyUrlFromPacResult (Electron session.resolveProxy answers)', () => {
  it('maps PAC entries to proxy URLs, first usable wins', () => {
    expect(proxyUrlFromPacResult('DIRECT')).toBeNull();
    expect(proxyUrlFromPacResult('PROXY corp:3128; DIRECT')).toBe('http://corp:3128');
    expect(proxyUrlFromPacResult('HTTPS secure-proxy:443')).toBe('https://secure-proxy:443');
    expect(proxyUrlFromPacResult('SOCKS5 s:1080; PROXY corp:3128')).toBe('http://corp:3128');
    expect(proxyUrlFromPacResult('SOCKS5 s:1080')).toBeNull();
    expect(proxyUrlFromPacResult('')).toBeNull();
  });
});
