import { describe, expect, it } from 'vitest';
import { parseEndpoint, resolveVodEndpoint } from '../../../electron/core/vod/endpoints';

describe('VOD endpoints', () => {
  it('maps regions as the reference pins them (cn-hangzhou is served from Shanghai)', () => {
    expect(resolveVodEndpoint('cn-shanghai').url).toBe('https://vod.cn-shanghai.aliyuncs.com');
    expect(resolveVodEndpoint('cn-hangzhou').host).toBe('vod.cn-shanghai.aliyuncs.com');
    expect(resolveVodEndpoint('cn-shenzhen').host).toBe('vod.cn-shenzhen.aliyuncs.com');
    expect(resolveVodEndpoint('eu-central-1').host).toBe('vod.eu-central-1.aliyuncs.com');
  });

  it('lets an explicit endpoint win, including http with a port', () => {
    expect(resolveVodEndpoint('cn-shanghai', 'http://127.0.0.1:4567/')).toEqual({
      protocol: 'http',
      host: '127.0.0.1:4567',
      url: 'http://127.0.0.1:4567',
    });
    expect(parseEndpoint('vod.custom.example')).toMatchObject({
      protocol: 'https',
      host: 'vod.custom.example',
    });
  });

  it('refuses an unknown region and odd endpoints with a clear message', () => {
    expect(() => resolveVodEndpoint('mars-1')).toThrow(/no endpoint for region "mars-1"/);
    expect(() => parseEndpoint('ftp://x')).toThrow(/https:\/\//);
    expect(() => parseEndpoint('https://x/path')).toThrow(/without a path/);
  });
});
