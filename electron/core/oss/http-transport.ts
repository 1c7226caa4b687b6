import http from 'node:http';
import https from 'node:https';
import { OssError } from './oss-error';
import type { TokenBucket } from './token-bucket';

/**
 * One HTTP exchange with OSS on node:http(s): the body is written in slices so progress is counted as the
 * socket takes the bytes (per byte, not per part), the shared bandwidth limit is applied per slice, a
 * request that moves no bytes for `idleTimeoutMs` is aborted as stalled, and an AbortSignal destroys the
 * socket at once (pause must stop traffic within a second).
 */

export const BODY_SLICE_BYTES = 128 * 1024;
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  destroy(): void;
}

/** Keep-alive agents shared by every request of one engine; `maxSockets` should cover the parts in flight. */
export function createHttpAgents(maxSockets: number): HttpAgents {
  const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return {
    ...agents,
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly agents?: HttpAgents | undefined;
  readonly bandwidth?: TokenBucket | undefined;
  /** No byte sent or received for this long fails the request as RequestStalled. */
  readonly idleTimeoutMs: number;
  /** Called with each slice's size once the socket has accepted it. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The request was aborted');
  error.name = 'AbortError';
  return error;
}

function networkError(error: NodeJS.ErrnoException): OssError {
  const code = error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'ConnectionReset' : 'NetworkError';
  return new OssError(code, `${error.code ?? 'network error'}: ${error.message}`, { cause: error });
}

export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const { url, signal } = request;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const isHttps = url.protocol === 'https:';
  const body = request.body;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const req = (isHttps ? https : http).request(url, {
      method: request.method,
      headers: { ...request.headers, 'content-length': String(body?.length ?? 0) },
      agent: isHttps ? request.agents?.https : request.agents?.http,
    });

    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      // A plain destroy() closes gracefully: the kernel would still deliver the megabytes queued in the
      // send buffer after a pause. A reset drops them, so traffic stops at once.
      const socket = req.socket;
      if (socket !== null && !socket.destroyed && typeof socket.resetAndDestroy === 'function') {
        socket.resetAndDestroy();
      }
      req.destroy();
      reject(error);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => fail(new OssError('RequestStalled', `No bytes moved for ${request.idleTimeoutMs} ms`)),
        request.idleTimeoutMs,
      );
    };
    const disarm = (): void => clearTimeout(timer);
    const onAbort = (): void => fail(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();

    let responded = false;
    req.on('error', (error) => fail(networkError(error)));
    req.on('response', (res) => {
      responded = true;
      arm();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        arm();
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      });
      res.on('error', (error) => fail(networkError(error)));
      res.on('aborted', () => fail(new OssError('ConnectionReset', 'The response was cut off')));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });

    const writeBody = async (): Promise<void> => {
      if (body === undefined || body.length === 0) {
        req.end();
        return;
      }
      for (let offset = 0; offset < body.length && !settled && !responded; offset += BODY_SLICE_BYTES) {
        const slice = body.subarray(offset, Math.min(body.length, offset + BODY_SLICE_BYTES));
        if (request.bandwidth !== undefined && request.bandwidth.bytesPerSecond > 0) {
          // Waiting for our turn under the bandwidth limit is not a stall.
          disarm();
          await request.bandwidth.take(slice.length, signal);
          if (settled) return;
          arm();
        }
        const flushed = req.write(slice, (error) => {
          if (error || settled) return;
          arm();
          request.onProgress?.(slice.length);
        });
        if (!flushed) {
          await new Promise<void>((resume) => {
            const done = (): void => {
              req.off('drain', done);
              req.off('close', done);
              resume();
            };
            req.once('drain', done);
            req.once('close', done);
          });
        }
      }
      if (!settled) req.end();
    };
    writeBody().catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  });
}
