import { isIP } from 'node:net';

/** Encodes an object key for the request path: every segment percent-encoded, the slashes kept. */
export function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function isPathStyleHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0 || bare === 'localhost';
}

/**
 * The request URL: virtual-hosted style (https://bucket.oss-cn-shanghai.aliyuncs.com/key) for real OSS host
 * names, path style (http://127.0.0.1:PORT/bucket/key) for IP and localhost endpoints, where a bucket
 * sub-domain cannot resolve.
 */
export function objectUrl(
  endpoint: string,
  bucket: string,
  key: string,
  query: Readonly<Record<string, string | null>>,
): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  const base = new URL(withScheme);
  const pathStyle = isPathStyleHost(base.hostname);
  const host = pathStyle ? base.host : `${bucket}.${base.host}`;
  const path = pathStyle ? `/${bucket}/${encodeKey(key)}` : `/${encodeKey(key)}`;
  const search = Object.entries(query)
    .map(([k, v]) =>
      v === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
    )
    .join('&');
  return new URL(`${base.protocol}//${host}${path}${search === '' ? '' : `?${search}`}`);
}
