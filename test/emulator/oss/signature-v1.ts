import { createHmac } from 'node:crypto';

/** Query parameters that OSS V1 signs as sub-resources (reference §3.1); all others are not signed. */
export const SIGNED_SUBRESOURCES = new Set([
  'acl', 'uploads', 'location', 'cors', 'logging', 'website', 'referer', 'lifecycle', 'delete', 'append',
  'tagging', 'objectMeta', 'uploadId', 'partNumber', 'security-token', 'position', 'img', 'style',
  'styleName', 'replication', 'replicationProgress', 'replicationLocation', 'cname', 'bucketInfo', 'comp',
  'qos', 'live', 'status', 'vod', 'startTime', 'endTime', 'symlink', 'x-oss-process', 'response-content-type',
  'response-content-language', 'response-expires', 'response-cache-control', 'response-content-disposition',
  'response-content-encoding', 'udf', 'udfName', 'udfImage', 'udfId', 'udfImageDesc', 'udfApplication',
  'udfApplicationLog', 'restore', 'callback', 'callback-var', 'policy', 'stat', 'encryption', 'versions',
  'versioning', 'versionId', 'sequential', 'continuation-token', 'worm', 'wormId', 'wormExtend',
]); // prettier-ignore

/** `/bucket/key?sub&sub=v`: the sub-resources sorted, a value-less one written as its bare name. */
export function v1CanonicalResource(
  bucket: string,
  key: string,
  query: ReadonlyArray<readonly [string, string]>,
): string {
  const sub = query
    .filter(([k]) => SIGNED_SUBRESOURCES.has(k))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .sort();
  return `/${bucket}/${key}${sub.length > 0 ? `?${sub.join('&')}` : ''}`;
}

export interface V1Parts {
  readonly method: string;
  readonly contentMd5: string;
  readonly contentType: string;
  readonly date: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly resource: string;
}

export function v1StringToSign(p: V1Parts): string {
  const ossHeaders = Object.keys(p.headers)
    .filter((name) => name.startsWith('x-oss-') && p.headers[name] !== undefined)
    .sort()
    .map((name) => `${name}:${p.headers[name]!.trim()}\n`)
    .join('');
  return `${p.method.toUpperCase()}\n${p.contentMd5}\n${p.contentType}\n${p.date}\n${ossHeaders}${p.resource}`;
}

export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
