import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from '../vod/percent-encode';

/** OSS4-HMAC-SHA256 as ali-oss 6.x sends it (reference §3.2). */
export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';

export interface V4Authorization {
  readonly accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  readonly date: string;
  readonly region: string;
  readonly product: string;
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
}

export function parseV4Authorization(header: string): V4Authorization | undefined {
  if (!header.startsWith(`${V4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(V4_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aliyun_v4_request' || !signature) {
    return undefined;
  }
  const [accessKeyId, date, region, product] = credential as [string, string, string, string];
  const additional = fields.get('AdditionalHeaders');
  return {
    accessKeyId,
    date,
    region,
    product,
    additionalHeaders: additional ? additional.split(';') : [],
    signature,
  };
}

export interface V4Parts {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  /** Decoded query parameters, every one of them signed. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly additionalHeaders: readonly string[];
}

export function v4CanonicalRequest(p: V4Parts): string {
  const uri = percentEncode(`/${p.bucket}/${p.key}`).replace(/%2F/g, '/');
  const query = p.query
    .map(([k, v]) => [percentEncode(k), v === '' ? undefined : percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (v === undefined ? k : `${k}=${v}`))
    .join('&');
  const names = new Set(p.additionalHeaders);
  for (const name of Object.keys(p.headers)) {
    if (p.headers[name] === undefined) continue;
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) names.add(name);
  }
  const headers = [...names]
    .sort()
    .map((name) => `${name}:${(p.headers[name] ?? '').trim()}\n`)
    .join('');
  const payload = p.headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
  return [p.method.toUpperCase(), uri, query, headers, p.additionalHeaders.join(';'), payload].join('\n');
}

export function v4StringToSign(
  region: string,
  ossDate: string,
  canonicalRequest: string,
  product = 'oss',
): string {
  const scope = `${ossDate.slice(0, 8)}/${region}/${product}/aliyun_v4_request`;
  return [V4_ALGORITHM, ossDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join(
    '\n',
  );
}

export function v4Signature(
  secret: string,
  date: string,
  region: string,
  stringToSign: string,
  product = 'oss',
): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, date), region), product), 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}
