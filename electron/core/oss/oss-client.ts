import type { IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import { sendRequest, type HttpAgents, type HttpResponse, type RequestBody } from './http-transport';
import { clockAdvice, NEGLIGIBLE_SKEW_MS, parseHttpDate } from '../net/server-clock';
import { OssError } from './oss-error';
import { signingRegion } from './oss-region';
import { authorizationV1 } from './oss-signer';
import { signV4 } from './oss-signer-v4';
import { objectUrl } from './oss-url';
import {
  completeBody,
  parseErrorXml,
  parseInitiateResult,
  parseListPartsPage,
  parseListUploadsPage,
  type ListedPart,
  type ListedUpload,
} from './oss-xml';
import type { TokenBucket } from './token-bucket';

export type { ListedPart, ListedUpload } from './oss-xml';

/** The STS credential a request is signed with, read at signing time so a refresh applies to the next request. */
export interface OssCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string | undefined;
}

/** Clock correction shared by the clients of one engine, learned from RequestTimeTooSkewed answers. */
export interface ClockSkew {
  offsetMs: number;
}

/** `v4` (OSS4-HMAC-SHA256, the default); `v1` only for accounts and buckets that still accept it. */
export type OssSignatureVersion = 'v4' | 'v1';

export interface OssClientOptions {
  readonly endpoint: string;
  readonly bucket: string;
  /** UploadAuth.Region; without it the region is read from the endpoint (V4 needs one). */
  readonly region?: string | undefined;
  readonly signatureVersion?: OssSignatureVersion | undefined;
  readonly credentials: () => OssCredentials;
  readonly agents?: HttpAgents | undefined;
  readonly bandwidth?: TokenBucket | undefined;
  readonly clock?: ClockSkew | undefined;
  /** Stall timeout for part and object uploads, ms (default 30 s). */
  readonly stallTimeoutMs?: number | undefined;
  /** Timeout for small control requests (initiate, list, head, abort), ms (default 60 s). */
  readonly requestTimeoutMs?: number | undefined;
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onRoundTrip?: ((ms: number) => void) | undefined; // last byte out (set-up excluded) → answer
}

export interface UploadOptions extends RequestOptions {
  /** base64 MD5 of the body: OSS refuses a damaged body with InvalidDigest. */
  readonly contentMd5?: string | undefined;
  readonly contentType?: string | undefined;
  readonly onProgress?: ((bytes: number) => void) | undefined;
}

export interface UploadResult {
  /** With quotes, as OSS sent it. */
  readonly etag: string;
  /** x-oss-hash-crc64ecma, when OSS sent it. */
  readonly crc64: string | undefined;
  readonly requestId: string | undefined;
}

export interface HeadResult {
  readonly size: number;
  readonly etag: string | undefined;
  readonly crc64: string | undefined;
  readonly objectType: string | undefined;
}

type Query = Record<string, string | null>;

interface Call extends Pick<RequestOptions, 'signal' | 'onRoundTrip'> {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  readonly key: string;
  readonly query?: Query;
  readonly headers?: Record<string, string>;
  readonly body?: RequestBody;
  readonly onProgress?: ((bytes: number) => void) | undefined;
  readonly bulk?: boolean;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Decodes a failed response: the error XML, or for HEAD the base64 `x-oss-err` header (reference §3.6). */
export function errorFromResponse(method: string, response: HttpResponse): OssError {
  let xml = response.body.toString('utf8');
  const encoded = headerValue(response.headers, 'x-oss-err');
  if (xml.trim() === '' && encoded !== undefined) xml = Buffer.from(encoded, 'base64').toString('utf8');
  const fields = parseErrorXml(xml) ?? {};
  const requestId = fields['RequestId'] ?? headerValue(response.headers, 'x-oss-request-id');
  const fallbackCode = method === 'HEAD' && response.status === 404 ? 'NoSuchKey' : `Http${response.status}`;
  return new OssError(
    fields['Code'] ?? fallbackCode,
    fields['Message'] ?? `OSS answered HTTP ${response.status}`,
    {
      status: response.status,
      requestId,
      hostId: fields['HostId'],
      detail: fields,
      serverDate: parseHttpDate(response.headers.date),
    },
  );
}

/**
 * Our own OSS client for the operations the engine needs: V4-signed (V1 only when asked for; the STS token among
 * the signed headers), keep-alive, per-byte progress, one shared bandwidth limit, and an AbortSignal on every
 * call. Unlike ali-oss, aborting one call never affects another, and nothing is retried here: retry policy is
 * the engine's (the only exception is one immediate retry after correcting a skewed clock).
 */
export class OssClient {
  public readonly endpoint: string;
  public readonly bucket: string;
  private readonly options: OssClientOptions;
  private readonly clock: ClockSkew;

  public constructor(options: OssClientOptions) {
    this.options = options;
    this.endpoint = options.endpoint;
    this.bucket = options.bucket;
    this.clock = options.clock ?? { offsetMs: 0 };
  }

  public async putObject(key: string, body: RequestBody, options: UploadOptions = {}): Promise<UploadResult> {
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream',
    };
    if (options.contentMd5 !== undefined) headers['content-md5'] = options.contentMd5;
    const res = await this.call({
      method: 'PUT',
      key,
      headers,
      body,
      signal: options.signal,
      onProgress: options.onProgress,
      onRoundTrip: options.onRoundTrip,
      bulk: true,
    });
    return uploadResult(res);
  }

  public async initiateMultipartUpload(
    key: string,
    options: RequestOptions & { contentType?: string } = {},
  ): Promise<string> {
    const res = await this.call({
      method: 'POST',
      key,
      query: { uploads: null },
      headers: { 'content-type': options.contentType ?? 'application/octet-stream' },
      signal: options.signal,
      onRoundTrip: options.onRoundTrip,
    });
    const uploadId = parseInitiateResult(res.body.toString('utf8'));
    if (uploadId === undefined || uploadId === '') {
      throw new OssError('BadResponse', 'InitiateMultipartUpload answered without an UploadId', {
        status: res.status,
        requestId: headerValue(res.headers, 'x-oss-request-id'),
      });
    }
    return uploadId;
  }

  public async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: RequestBody,
    options: UploadOptions = {},
  ): Promise<UploadResult> {
    const headers: Record<string, string> = {};
    if (options.contentMd5 !== undefined) headers['content-md5'] = options.contentMd5;
    const res = await this.call({
      method: 'PUT',
      key,
      query: { partNumber: String(partNumber), uploadId },
      headers,
      body,
      signal: options.signal,
      onProgress: options.onProgress,
      onRoundTrip: options.onRoundTrip,
      bulk: true,
    });
    return uploadResult(res);
  }

  public async completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
    options: RequestOptions = {},
  ): Promise<UploadResult> {
    const body = Buffer.from(completeBody(parts), 'utf8');
    const res = await this.call({
      method: 'POST',
      key,
      query: { uploadId },
      headers: {
        'content-type': 'application/xml',
        'content-md5': createHash('md5').update(body).digest('base64'),
      },
      body,
      signal: options.signal,
    });
    return {
      etag: headerValue(res.headers, 'etag') ?? '',
      crc64: headerValue(res.headers, 'x-oss-hash-crc64ecma'),
      requestId: headerValue(res.headers, 'x-oss-request-id'),
    };
  }

  public async abortMultipartUpload(
    key: string,
    uploadId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    await this.call({ method: 'DELETE', key, query: { uploadId }, signal: options.signal });
  }

  /** Every uploaded part, across as many pages (1000 parts each) as it takes. */
  public async listParts(key: string, uploadId: string, options: RequestOptions = {}): Promise<ListedPart[]> {
    const all: ListedPart[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 100; page++) {
      const query: Query = { uploadId, 'max-parts': '1000' };
      if (marker !== undefined) query['part-number-marker'] = marker;
      const res = await this.call({ method: 'GET', key, query, signal: options.signal });
      const result = parseListPartsPage(res.body.toString('utf8'));
      all.push(...result.parts);
      if (!result.isTruncated) return all;
      if (result.nextPartNumberMarker === undefined || result.nextPartNumberMarker === marker) {
        throw new OssError('BadResponse', 'ListParts is truncated but gave no new NextPartNumberMarker');
      }
      marker = result.nextPartNumberMarker;
    }
    throw new OssError('BadResponse', 'ListParts did not finish within 100 pages');
  }

  /**
   * Multipart uploads open under `prefix` (a bucket operation: VOD's narrow upload credential is refused it,
   * AccessDenied). At most 10 pages of 1000.
   */
  public async listMultipartUploads(prefix: string, options: RequestOptions = {}): Promise<ListedUpload[]> {
    const all: ListedUpload[] = [];
    let markers: Query = {};
    for (let page = 0; page < 10; page++) {
      const query: Query = { uploads: null, prefix, 'max-uploads': '1000', ...markers };
      const res = await this.call({ method: 'GET', key: '', query, signal: options.signal });
      const result = parseListUploadsPage(res.body.toString('utf8'));
      all.push(...result.uploads);
      if (!result.isTruncated || result.nextKeyMarker === undefined) return all;
      markers = { 'key-marker': result.nextKeyMarker, 'upload-id-marker': result.nextUploadIdMarker ?? '' };
    }
    return all;
  }

  /** The object's size and CRC, or null when it does not exist. */
  public async headObject(key: string, options: RequestOptions = {}): Promise<HeadResult | null> {
    try {
      const res = await this.call({ method: 'HEAD', key, signal: options.signal });
      return {
        size: Number(headerValue(res.headers, 'content-length') ?? NaN),
        etag: headerValue(res.headers, 'etag'),
        crc64: headerValue(res.headers, 'x-oss-hash-crc64ecma'),
        objectType: headerValue(res.headers, 'x-oss-object-type'),
      };
    } catch (error) {
      if (error instanceof OssError && error.status === 404 && error.code === 'NoSuchKey') return null;
      throw error;
    }
  }

  private async call(call: Call): Promise<HttpResponse> {
    const datedWith = this.clock.offsetMs;
    try {
      return await this.callOnce(call);
    } catch (error) {
      if (!(error instanceof OssError) || error.code !== 'RequestTimeTooSkewed') throw error;
      if (this.learnSkew(error, datedWith)) {
        try {
          return await this.callOnce(call);
        } catch (again) {
          if (again instanceof OssError && again.code === 'RequestTimeTooSkewed')
            throw skewError(again, this.clock);
          throw again;
        }
      }
      throw skewError(error, this.clock);
    }
  }

  /**
   * Learns the offset from OSS's ServerTime, else its Date header: true when it differs enough from the one
   * the refused request was dated with (`datedWith`; a concurrent request may have corrected it already).
   */
  private learnSkew(error: OssError, datedWith: number): boolean {
    let serverTime = Date.parse(error.detail['ServerTime'] ?? '');
    if (Number.isNaN(serverTime)) serverTime = error.serverDate ?? Number.NaN;
    if (!Number.isNaN(serverTime)) this.clock.offsetMs = serverTime - Date.now();
    return Math.abs(this.clock.offsetMs - datedWith) >= NEGLIGIBLE_SKEW_MS;
  }

  private async callOnce(call: Call): Promise<HttpResponse> {
    const credentials = this.options.credentials();
    const query = call.query ?? {};
    const now = new Date(Date.now() + this.clock.offsetMs);
    const headers =
      this.options.signatureVersion === 'v1'
        ? this.signedV1(call, credentials, now)
        : signV4({
            method: call.method,
            bucket: this.bucket,
            key: call.key,
            query,
            headers: call.headers ?? {},
            accessKeyId: credentials.accessKeyId,
            accessKeySecret: credentials.accessKeySecret,
            securityToken: credentials.securityToken,
            region: signingRegion(this.options.region, this.endpoint),
            date: now,
          }).headers;
    const response = await sendRequest({
      url: objectUrl(this.endpoint, this.bucket, call.key, query),
      method: call.method,
      headers,
      body: call.body,
      signal: call.signal,
      agents: this.options.agents,
      bandwidth: call.bulk === true ? this.options.bandwidth : undefined,
      idleTimeoutMs:
        call.bulk === true
          ? (this.options.stallTimeoutMs ?? 30_000)
          : (this.options.requestTimeoutMs ?? 60_000),
      onProgress: call.onProgress,
      onRoundTrip: call.onRoundTrip,
    });
    if (response.status >= 300) throw errorFromResponse(call.method, response);
    return response;
  }

  /** The legacy V1 header signature (`Date`, the token among the x-oss-* headers). */
  private signedV1(call: Call, credentials: OssCredentials, now: Date): Record<string, string> {
    const headers: Record<string, string> = { ...call.headers, date: now.toUTCString() };
    if (credentials.securityToken !== undefined && credentials.securityToken !== '') {
      headers['x-oss-security-token'] = credentials.securityToken;
    }
    headers['authorization'] = authorizationV1(credentials.accessKeyId, credentials.accessKeySecret, {
      method: call.method,
      bucket: this.bucket,
      key: call.key,
      query: call.query ?? {},
      headers,
    });
    return headers;
  }
}

/** RequestTimeTooSkewed that a corrected clock did not cure: say which clock is off, and by how much. */
function skewError(error: OssError, clock: ClockSkew): OssError {
  return new OssError(
    error.code,
    `OSS refused the request's time. ${clockAdvice(clock.offsetMs === 0 ? undefined : clock.offsetMs)}`,
    {
      status: error.status,
      requestId: error.requestId,
      hostId: error.hostId,
      detail: { ...error.detail },
      cause: error,
    },
  );
}

function uploadResult(res: HttpResponse): UploadResult {
  const etag = headerValue(res.headers, 'etag');
  if (etag === undefined) {
    throw new OssError('BadResponse', 'OSS answered the upload without an ETag', {
      status: res.status,
      requestId: headerValue(res.headers, 'x-oss-request-id'),
    });
  }
  return {
    etag,
    crc64: headerValue(res.headers, 'x-oss-hash-crc64ecma'),
    requestId: headerValue(res.headers, 'x-oss-request-id'),
  };
}
