import { type Readable } from 'node:stream';

/** What an OSS handler answers; the server adds the common headers and the latency fault. */
export interface OssResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: string | Readable;
}

export function xmlResponse(
  status: number,
  body: string,
  headers: Record<string, string | number> = {},
): OssResponse {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body };
}

/** `"HEX"` upper-case MD5, the ETag OSS gives a part or a simple object. */
export function md5Etag(md5: Buffer): string {
  return `"${md5.toString('hex').toUpperCase()}"`;
}

/** ETag compared the way OSS does: quotes and case ignored. */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^(&quot;|")|(&quot;|")$/g, '').toUpperCase();
}
