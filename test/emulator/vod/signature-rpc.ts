import { createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode';

/**
 * The classic RPC signature (HMAC-SHA1, SignatureVersion 1.0): every parameter except Signature,
 * percent-encoded, sorted by encoded key, then `METHOD&%2F&encode(canonical)`. Reference §2.1.
 */
export function rpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.entries(params)
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(
  method: string,
  params: Readonly<Record<string, string>>,
  secret: string,
): string {
  return createHmac('sha1', `${secret}&`).update(rpcStringToSign(method, params)).digest('base64');
}
