import { createHmac } from 'node:crypto';

/**
 * OSS V1 header signature (reference §3.1):
 * base64(HMAC-SHA1(secret, VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedOSSHeaders + CanonicalizedResource)).
 */

/** Sub-resources that belong in the CanonicalizedResource; any other query parameter is left out. */
const SIGNED_SUB_RESOURCES = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'policy',
  'stat',
  'encryption',
  'versions',
  'versioning',
  'versionId',
  'sequential',
  'continuation-token',
  'worm',
  'wormId',
  'wormExtend',
]);

export interface SignInput {
  readonly method: string;
  readonly bucket: string;
  /** Object key, unencoded; '' for a bucket-level request. */
  readonly key: string;
  /** Query parameters; null for a value-less sub-resource such as `uploads`. */
  readonly query: Readonly<Record<string, string | null>>;
  /** Request headers (any case). */
  readonly headers: Readonly<Record<string, string>>;
}

function header(headers: Readonly<Record<string, string>>, name: string): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return '';
}

export function canonicalizedOssHeaders(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase().trim(), String(v).trim()] as const)
    .filter(([k]) => k.startsWith('x-oss-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}\n`)
    .join('');
}

export function canonicalizedResource(bucket: string, key: string, query: SignInput['query']): string {
  const base = bucket === '' ? '/' : `/${bucket}/${key}`;
  const subs = Object.keys(query)
    .filter((k) => SIGNED_SUB_RESOURCES.has(k))
    .sort()
    .map((k) => {
      const v = query[k];
      return v === null || v === undefined || v === '' ? k : `${k}=${v}`;
    });
  return subs.length === 0 ? base : `${base}?${subs.join('&')}`;
}

export function stringToSign(input: SignInput): string {
  return [
    input.method.toUpperCase(),
    header(input.headers, 'content-md5'),
    header(input.headers, 'content-type'),
    header(input.headers, 'date'),
    canonicalizedOssHeaders(input.headers) + canonicalizedResource(input.bucket, input.key, input.query),
  ].join('\n');
}

export function signV1(accessKeySecret: string, canonical: string): string {
  return createHmac('sha1', accessKeySecret).update(canonical, 'utf8').digest('base64');
}

/** The Authorization header value for a request. */
export function authorizationV1(accessKeyId: string, accessKeySecret: string, input: SignInput): string {
  return `OSS ${accessKeyId}:${signV1(accessKeySecret, stringToSign(input))}`;
}
