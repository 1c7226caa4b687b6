import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode';

/** ACS3-HMAC-SHA256 (the V3 signature openapi-client sends by default). Reference §2.2. */
export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface V3Authorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; undefined when malformed. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  if (!header.startsWith(`${V3_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(V3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export interface V3Request {
  readonly method: string;
  readonly path: string;
  /** Decoded query parameters. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** hex sha256 of the body (the x-acs-content-sha256 value). */
  readonly payloadHash: string;
}

export function v3CanonicalRequest(req: V3Request, signedHeaders: readonly string[]): string {
  const query = [...req.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  const headers = signedHeaders.map((name) => `${name}:${(req.headers[name] ?? '').trim()}\n`).join('');
  return [
    req.method.toUpperCase(),
    req.path || '/',
    query,
    headers,
    signedHeaders.join(';'),
    req.payloadHash,
  ].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
}

export function v3Signature(canonicalRequest: string, secret: string): string {
  return createHmac('sha256', secret).update(v3StringToSign(canonicalRequest)).digest('hex');
}
