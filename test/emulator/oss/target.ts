import { isIP } from 'node:net';
import { ServiceError } from '../http/errors';

/** Which bucket and key a request addresses, path-style or virtual-hosted. */
export interface OssTarget {
  readonly bucket: string;
  /** Decoded object key; '' for bucket-level requests. */
  readonly key: string;
}

/**
 * An IP or localhost Host means path-style (`/bucket/key`). Any other Host is virtual-hosted
 * (`bucket.oss-<region>.aliyuncs.com` or `bucket.oss-<region>.localhost`, `/key`): ali-oss with an IP endpoint sends exactly that Host header,
 * and real OSS refuses a bucket addressed through another region's endpoint.
 */
export function resolveTarget(hostHeader: string | undefined, rawPath: string, regionId: string): OssTarget {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const path = rawPath.split('?')[0] ?? '/';
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new ServiceError(400, 'InvalidObjectName', 'The object name is not valid URL encoding.');
    }
  };
  if (host === '' || host === 'localhost' || isIP(host)) {
    const rest = path.replace(/^\//, '');
    const slash = rest.indexOf('/');
    if (slash < 0) return { bucket: decode(rest), key: '' };
    return { bucket: decode(rest.slice(0, slash)), key: decode(rest.slice(slash + 1)) };
  }
  const dot = host.indexOf('.');
  const bucket = dot > 0 ? host.slice(0, dot) : host;
  const endpoint = host.slice(dot + 1);
  // Real endpoints, and the emulator's own `oss-<region>.localhost` (a loopback name, RFC 6761).
  const match = /^oss-([a-z0-9-]+?)(-internal)?\.(?:aliyuncs\.com|localhost)$/.exec(endpoint);
  if (match && match[1] !== regionId) {
    throw new ServiceError(
      403,
      'AccessDenied',
      'The bucket you are attempting to access must be addressed using the specified endpoint. ' +
        'Please send all future requests to this endpoint.',
      { Endpoint: `oss-${regionId}.aliyuncs.com`, Bucket: bucket },
    );
  }
  return { bucket, key: decode(path.replace(/^\//, '')) };
}
