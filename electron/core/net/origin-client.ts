import http from 'node:http';
import https from 'node:https';

/**
 * Reading a link's bytes for relay mode (engine/link-source.ts): one small GET that pins what the origin
 * serves (size, ETag, Last-Modified, whether it takes Range), and ranged GETs streamed as they arrive.
 * Messages never carry the URL: a link may hold a password or a signed query.
 */

/** What the origin said of the link: its size and the validators that name this content. */
export interface OriginInfo {
  readonly size: number;
  /** The ETag as sent (quotes and W/ kept); null when the origin sends none. */
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** The origin answered a ranged GET with 206: parts can be fetched on their own. */
  readonly ranges: boolean;
}

/** The origin failed or refused; `retryable` when another try could help (a drop, a stall, a 5xx). */
export class OriginError extends Error {
  public constructor(
    public readonly code: string,
    message: string,
    public readonly retryable: boolean,
    public readonly status?: number,
  ) {
    super(message);
    this.name = 'OriginError';
  }
}

export interface OriginRequest {
  /** Inclusive byte range; the whole content when absent. */
  readonly range?: { readonly start: number; readonly end: number };
  /** A strong ETag: the origin sends the range only if the content still has it, else all of it (200). */
  readonly ifRange?: string;
  readonly signal?: AbortSignal;
  /** No byte for this long fails the read as OriginStalled (retryable). */
  readonly idleTimeoutMs?: number;
}

export interface OriginResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as it arrives; a connection cut mid-body throws OriginError('OriginDropped'). */
  readonly body: AsyncIterable<Buffer>;
  /** Stops reading (the rest is not downloaded). */
  close(): void;
}

const DEFAULT_IDLE_MS = 30_000;

function statusError(status: number): OriginError {
  if (status === 404 || status === 410) {
    return new OriginError(
      'OriginNotFound',
      `The link answered ${status}: the file is not there.`,
      false,
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new OriginError(
      'OriginRefused',
      `The link answered ${status}: access refused (an expired signed link, or a password that is no longer valid).`,
      false,
      status,
    );
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  return new OriginError('OriginError', `The link answered HTTP ${status}.`, retryable, status);
}

function networkError(error: NodeJS.ErrnoException): OriginError {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new OriginError(
      'OriginUnreachable',
      `The link's host cannot be found (${code}).`,
      code === 'EAI_AGAIN',
    );
  }
  return new OriginError('OriginUnreachable', `The link cannot be reached (${code || error.message}).`, true);
}

/** GETs the link; any answer but 200/206 (and 416 for a range) is an OriginError. */
export function fetchOrigin(url: string, request: OriginRequest = {}): Promise<OriginResponse> {
  const target = new URL(url);
  const headers: Record<string, string> = {
    'user-agent': 'vod-uploader-relay',
    'accept-encoding': 'identity',
  };
  if (request.range) headers.range = `bytes=${request.range.start}-${request.range.end}`;
  if (request.ifRange) headers['if-range'] = request.ifRange;
  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  // One derived signal per request: a listener on the job's own signal per part in flight would pass Node's
  // limit of 10 and print a leak warning (AbortSignal.any holds its sources without listeners).
  const signal = request.signal === undefined ? undefined : AbortSignal.any([request.signal]);
  return new Promise<OriginResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // http.request takes user:password from the URL as Basic auth.
    const req = (target.protocol === 'https:' ? https : http).request(target, { method: 'GET', headers });
    let failure: OriginError | undefined;
    const onAbort = (): void => {
      req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    req.setTimeout(idleMs, () => {
      failure = new OriginError('OriginStalled', `The link sent nothing for ${idleMs} ms.`, true);
      req.destroy(failure);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      done();
      if (signal?.aborted) reject(signal.reason);
      else reject(failure ?? networkError(error));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200 && status !== 206 && !(status === 416 && request.range)) {
        res.resume();
        req.destroy();
        done();
        reject(statusError(status));
        return;
      }
      async function* body(): AsyncGenerator<Buffer, void, undefined> {
        try {
          for await (const chunk of res) yield chunk as Buffer;
          if (!res.complete) throw new Error('incomplete');
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          if (failure) throw failure;
          throw new OriginError(
            'OriginDropped',
            `The link's connection was cut mid-download (${(error as Error).message}).`,
            true,
          );
        } finally {
          done();
        }
      }
      resolve({
        status,
        headers: res.headers,
        body: body(),
        close: () => {
          done();
          req.destroy();
        },
      });
    });
    req.end();
  });
}

/** The total size N from `Content-Range: bytes a-b/N` (a 416 sends it with a star for the range); undefined if absent. */
export function totalFromContentRange(value: string | undefined): number | undefined {
  const m = /\/(\d+)\s*$/.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Start of the range in `Content-Range: bytes a-b/N`. */
export function startFromContentRange(value: string | undefined): number | undefined {
  const m = /^bytes\s+(\d+)-\d+\//.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The validators of an answer (what names the content it came from). */
export function validatorsOf(headers: http.IncomingHttpHeaders): {
  etag: string | null;
  lastModified: string | null;
} {
  return { etag: header(headers, 'etag'), lastModified: header(headers, 'last-modified') };
}

/**
 * Asks for the first byte: a 206 gives the total size (Content-Range) and says ranges work; a 200 means the
 * origin ignores Range (its Content-Length is the size; the body is not read); a 416 naming a total of 0 is an
 * empty file. An answer that names no size is refused: the upload must know it before it starts.
 */
export async function probeOrigin(
  url: string,
  options: Omit<OriginRequest, 'range'> = {},
): Promise<OriginInfo> {
  const res = await fetchOrigin(url, { ...options, range: { start: 0, end: 0 } });
  res.close();
  const v = validatorsOf(res.headers);
  let size: number | undefined;
  if (res.status === 206 || res.status === 416) size = totalFromContentRange(res.headers['content-range']);
  else {
    const length = res.headers['content-length'];
    size = length === undefined ? undefined : Number(length);
  }
  if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
    throw new OriginError(
      'OriginSizeUnknown',
      'The link does not say how large its file is (no Content-Range or Content-Length), so it cannot be relayed.',
      false,
    );
  }
  return { size, etag: v.etag, lastModified: v.lastModified, ranges: res.status !== 200 };
}
