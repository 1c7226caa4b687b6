import { createHash, createHmac } from 'node:crypto';

/**
 * OSS signature V4 (OSS4-HMAC-SHA256) in the Authorization header, as OSS's guide "Include a V4 signature in
 * the Authorization header" describes it and Alibaba's SDKs implement it (ali-oss `signUtils.authorizationV4`,
 * the Go SDK v2 `signer/v4.go`). V1 is closed to new accounts and buckets, so this is the engine's default.
 */
export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface V4SignInput {
  readonly method: string;
  /** '' for a service-level request. */
  readonly bucket: string;
  /** Object key, unencoded; '' for a bucket-level request. */
  readonly key: string;
  /** Query parameters, unencoded; null (or '') for a value-less one such as `uploads`. */
  readonly query: Readonly<Record<string, string | null>>;
  /** Request headers, any case; x-oss-date, x-oss-content-sha256 and the token are added by signV4. */
  readonly headers: Readonly<Record<string, string>>;
  /** Further headers to sign (e.g. host), beyond content-type, content-md5 and x-oss-*. */
  readonly additionalHeaders?: readonly string[] | undefined;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
  /** The bucket's region ID, e.g. cn-shanghai (not oss-cn-shanghai). */
  readonly region: string;
  readonly date: Date;
}

export interface V4Signed {
  /** The request's headers with x-oss-date, x-oss-content-sha256, the token and authorization added. */
  readonly headers: Record<string, string>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** RFC 3986: everything but A-Z a-z 0-9 - . _ ~ percent-encoded, UTF-8, upper-case hex. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** yyyymmddTHHMMSSZ */
export function v4Timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The additional header names as signed: lower-case, de-duplicated, sorted, without the always-signed ones. */
export function normalizeAdditionalHeaders(names: readonly string[] | undefined): string[] {
  const always = (n: string) => n === 'content-type' || n === 'content-md5' || n.startsWith('x-oss-');
  return [...new Set((names ?? []).map((n) => n.toLowerCase().trim()))].filter((n) => !always(n)).sort();
}

export function canonicalUri(bucket: string, key: string): string {
  const path = bucket === '' ? '/' : `/${bucket}/${key}`;
  return rfc3986(path).replace(/%2F/g, '/');
}

/** Every query parameter is signed: encoded, sorted by encoded name, `name` alone when it has no value. */
export function canonicalQuery(query: V4SignInput['query']): string {
  return Object.entries(query)
    .map(([k, v]) => [rfc3986(k), v === null || v === '' ? undefined : rfc3986(v)] as const)
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([k, v]) => (v === undefined ? k : `${k}=${v}`))
    .join('&');
}

export function canonicalRequest(
  input: Pick<V4SignInput, 'method' | 'bucket' | 'key' | 'query'>,
  headers: Readonly<Record<string, string>>,
  additional: readonly string[],
): string {
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) lower.set(k.toLowerCase().trim(), String(v).trim());
  const names = new Set(additional);
  for (const name of lower.keys()) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) names.add(name);
  }
  const canonicalHeaders = [...names]
    .sort(byCodeUnit)
    .map((name) => `${name}:${lower.get(name) ?? ''}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    canonicalUri(input.bucket, input.key),
    canonicalQuery(input.query),
    canonicalHeaders,
    additional.join(';'),
    lower.get('x-oss-content-sha256') ?? UNSIGNED_PAYLOAD,
  ].join('\n');
}

export function scope(day: string, region: string): string {
  return `${day}/${region}/oss/aliyun_v4_request`;
}

export function stringToSignV4(timestamp: string, region: string, canonical: string): string {
  return [
    V4_ALGORITHM,
    timestamp,
    scope(timestamp.slice(0, 8), region),
    createHash('sha256').update(canonical, 'utf8').digest('hex'),
  ].join('\n');
}

export function signatureV4(secret: string, day: string, region: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, day), region), 'oss'), 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** Dates, tokens and signs a request: the headers to send. */
export function signV4(input: V4SignInput): V4Signed {
  const timestamp = v4Timestamp(input.date);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) {
    if (!/^(authorization|x-oss-date|x-oss-content-sha256|x-oss-security-token)$/i.test(k)) headers[k] = v;
  }
  headers['x-oss-date'] = timestamp;
  headers['x-oss-content-sha256'] = UNSIGNED_PAYLOAD;
  if (input.securityToken !== undefined && input.securityToken !== '') {
    headers['x-oss-security-token'] = input.securityToken;
  }
  const additional = normalizeAdditionalHeaders(input.additionalHeaders);
  for (const name of additional) {
    if (!Object.keys(headers).some((k) => k.toLowerCase() === name)) {
      throw new Error(`The additional header ${name} to sign is not in the request`);
    }
  }
  const canonical = canonicalRequest(input, headers, additional);
  const toSign = stringToSignV4(timestamp, input.region, canonical);
  const signature = signatureV4(input.accessKeySecret, timestamp.slice(0, 8), input.region, toSign);
  const extra = additional.length > 0 ? `AdditionalHeaders=${additional.join(';')},` : '';
  headers['authorization'] =
    `${V4_ALGORITHM} Credential=${input.accessKeyId}/${scope(timestamp.slice(0, 8), input.region)},` +
    `${extra}Signature=${signature}`;
  return { headers, canonicalRequest: canonical, stringToSign: toSign };
}
