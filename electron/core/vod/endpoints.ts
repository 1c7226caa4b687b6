import { AppError } from '../base/app-error';

/**
 * VOD endpoints per region (reference §1.2: the generated SDK's map plus VODDOC). Pinned explicitly because
 * old SDKs shipped wrong maps. cn-hangzhou has no VOD endpoint of its own: it is served from Shanghai.
 */
export const VOD_ENDPOINTS: Readonly<Record<string, string>> = {
  'cn-shanghai': 'vod.cn-shanghai.aliyuncs.com',
  'cn-hangzhou': 'vod.cn-shanghai.aliyuncs.com',
  'cn-beijing': 'vod.cn-beijing.aliyuncs.com',
  'cn-shenzhen': 'vod.cn-shenzhen.aliyuncs.com',
  'cn-hongkong': 'vod.cn-hongkong.aliyuncs.com',
  'ap-southeast-1': 'vod.ap-southeast-1.aliyuncs.com',
  'ap-southeast-5': 'vod.ap-southeast-5.aliyuncs.com',
  'ap-south-1': 'vod.ap-south-1.aliyuncs.com',
  'ap-northeast-1': 'vod.ap-northeast-1.aliyuncs.com',
  'eu-central-1': 'vod.eu-central-1.aliyuncs.com',
  'us-west-1': 'vod.us-west-1.aliyuncs.com',
  'me-central-1': 'vod.me-central-1.aliyuncs.com',
  'cn-north-2-gov-1': 'vod.cn-north-2-gov-1.aliyuncs.com',
};

export const VOD_REGIONS = Object.keys(VOD_ENDPOINTS);

/** An endpoint split the way openapi-client wants it: a host[:port] and a protocol. */
export interface ResolvedEndpoint {
  readonly protocol: 'https' | 'http';
  readonly host: string;
  /** protocol://host, for messages and for plain HTTP clients. */
  readonly url: string;
}

/** Parses "host", "host:port", "https://host" or "http://127.0.0.1:port" (the emulator). */
export function parseEndpoint(endpoint: string): ResolvedEndpoint {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError(
      'INVALID_ENDPOINT',
      `"${endpoint}" is not a valid endpoint (expected e.g. vod.cn-shanghai.aliyuncs.com).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'INVALID_ENDPOINT',
      `The endpoint "${endpoint}" must use https:// (or http:// for a local test server).`,
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw new AppError('INVALID_ENDPOINT', `The endpoint "${endpoint}" must be a host name without a path.`);
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.host, url: `${protocol}://${url.host}` };
}

/** The explicit override wins; otherwise the region must be one VOD serves. */
export function resolveVodEndpoint(region: string, override?: string): ResolvedEndpoint {
  if (override && override.trim() !== '') return parseEndpoint(override);
  const host = VOD_ENDPOINTS[region];
  if (!host) {
    throw new AppError(
      'UNKNOWN_REGION',
      `ApsaraVideo VOD has no endpoint for region "${region}". Choose one of ${VOD_REGIONS.join(', ')}, or set the endpoint explicitly.`,
    );
  }
  return parseEndpoint(host);
}
