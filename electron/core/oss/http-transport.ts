import { getMaxListeners, setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { loopbackLookup } from '../net/loopback-lookup';
import { directProxyResolver, type ProxyResolver } from '../net/proxy-resolver';
import { OssError } from './oss-error';
import type { TokenBucket } from './token-bucket';

/**
 * One HTTP exchange with OSS on node:http(s): the body is written in slices so progress is counted as the
 * socket takes the bytes (per byte, not per part), the shared bandwidth limit is applied per slice, a
 * request that moves no bytes for `idleTimeoutMs` is aborted as stalled, and an AbortSignal destroys the
 * socket at once (pause must stop traffic within a second).
 */

export const BODY_SLICE_BYTES = 128 * 1024;
/**
 * After the last write, the kernel may still hold up to a send buffer of the body (Linux autotunes it up to
 * 4 MiB), which drains at this connection's share of the link before OSS can answer. On a slow uplink that
 * takes longer than the stall timeout, and a part that is moving would be aborted as stalled, again and
 * again. So the wait for the answer gets the drain time on top: estimated from how fast the network took the
 * rest of the body, or from a slow-link floor when the whole body fitted in the buffer at once; capped at
 * three stall timeouts, so a server that truly stopped reading is still caught.
 */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const SEND_BUFFER_MAX = 4 * 1024 * 1024;
const SLOW_LINK_BYTES_PER_S = 64 * 1024;

/** How long, beyond the stall timeout, the bytes still in the send buffer may take to leave. */
export function drainAllowanceMs(bodyBytes: number, writeElapsedMs: number, idleTimeoutMs: number): number {
  const buffered = Math.min(bodyBytes, SEND_BUFFER_MAX);
  const paced = bodyBytes - buffered;
  const rate =
    paced > 0 && writeElapsedMs > 0
      ? Math.max(SLOW_LINK_BYTES_PER_S, (paced * 1000) / writeElapsedMs)
      : SLOW_LINK_BYTES_PER_S;
  return Math.min(Math.ceil((buffered * 1000) / rate), 3 * idleTimeoutMs);
}

export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  /** How to reach a URL: directly, or through the proxy the host's resolver names for it. */
  routeFor(url: URL): Promise<HttpRoute>;
  destroy(): void;
}

/**
 * A direct connection, or a proxy: plain http goes to the proxy with the absolute URL as the request target
 * (a forward proxy needs nothing more); https goes through a CONNECT tunnel, end-to-end TLS to OSS.
 */
export type HttpRoute =
  | { readonly kind: 'direct'; readonly agent: http.Agent }
  | { readonly kind: 'forward'; readonly agent: http.Agent; readonly proxy: URL }
  | { readonly kind: 'tunnel'; readonly agent: http.Agent };

export interface TlsTrust {
  /**
   * Certificates (PEM) trusted beyond Node's root store, e.g. a local OSS stand-in's. NODE_EXTRA_CA_CERTS does
   * the same for a whole process when set before it starts.
   */
  readonly extraCaCertificates?: readonly string[] | undefined;
}

/**
 * Keep-alive agents shared by every request of one engine; `maxSockets` should cover the parts in flight.
 * The proxy decision is cached per origin for the engine's life (the resolver may be a PAC lookup). Direct
 * sockets resolve `*.localhost` to loopback themselves (loopback-lookup.ts).
 */
export function createHttpAgents(
  maxSockets: number,
  resolveProxy: ProxyResolver = directProxyResolver,
  trust: TlsTrust = {},
): HttpAgents {
  const extraCa = trust.extraCaCertificates ?? [];
  // One TLS context for every connection. Given as `ca`, the agent keyed each request by the whole root
  // store's text (getName) and every new connection parsed the 140-odd root certificates again: milliseconds a
  // request and more per connection on the main thread (docs/performance.md).
  const ca =
    extraCa.length > 0
      ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...extraCa] }) }
      : {};
  const options = {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    scheduling: 'lifo' as const,
    ...ca,
  };
  const direct = {
    http: new http.Agent({ ...options, lookup: loopbackLookup }),
    https: new https.Agent({ ...options, lookup: loopbackLookup }),
  };
  const routes = new Map<string, Promise<HttpRoute>>();
  const tunnels = new Map<string, http.Agent>();

  const decide = async (url: URL): Promise<HttpRoute> => {
    const isHttps = url.protocol === 'https:';
    const directRoute: HttpRoute = { kind: 'direct', agent: isHttps ? direct.https : direct.http };
    let proxy: string | null;
    try {
      proxy = await resolveProxy(url.href);
    } catch {
      // A resolver failure must not stop uploads: connect directly.
      return directRoute;
    }
    if (!proxy) return directRoute;
    if (!isHttps) return { kind: 'forward', agent: direct.http, proxy: new URL(proxy) };
    let tunnel = tunnels.get(proxy);
    if (!tunnel) {
      tunnel = new HttpsProxyAgent(proxy, options);
      tunnels.set(proxy, tunnel);
    }
    return { kind: 'tunnel', agent: tunnel };
  };

  return {
    ...direct,
    routeFor(url) {
      let route = routes.get(url.origin);
      if (!route) {
        route = decide(url);
        routes.set(url.origin, route);
      }
      return route;
    },
    destroy: () => {
      direct.http.destroy();
      direct.https.destroy();
      for (const agent of tunnels.values()) agent.destroy();
    },
  };
}

/**
 * A body produced as it is sent (a part read from disk chunk by chunk): `size` bytes in `chunks()`, and
 * `written(chunk)` once all of a chunk is in the socket, so its buffer can be reused.
 */
export interface StreamedBody {
  readonly size: number;
  /**
   * What one connection has been measured to carry, bytes/s, when known: the transport then hands the
   * socket bigger writes (see sliceBytesFor).
   */
  readonly bytesPerSecond?: number | undefined;
  chunks(): AsyncIterable<Uint8Array>;
  written?(chunk: Uint8Array): void;
}

export type RequestBody = Uint8Array | StreamedBody;

/**
 * How much of a body to hand the socket in one write. Every write costs the main thread a TLS flush, a
 * write callback and an event-loop turn for its drain: in 128 KiB slices that was as much again as the
 * encryption (docs/performance.md). A write is also the unit of progress for the stall timer, so it must
 * leave the socket well within the stall timeout: at most a quarter of it at the connection's measured rate,
 * and 128 KiB while the rate is unknown or a bandwidth limit paces the slices.
 */
export function sliceBytesFor(
  bytesPerSecond: number | undefined,
  idleTimeoutMs: number,
  paced: boolean,
): number {
  if (paced || bytesPerSecond === undefined || !(bytesPerSecond > 0)) return BODY_SLICE_BYTES;
  return Math.max(BODY_SLICE_BYTES, Math.floor((bytesPerSecond * idleTimeoutMs) / 4000));
}

function bodySize(body: RequestBody | undefined): number {
  if (body === undefined) return 0;
  return body instanceof Uint8Array ? body.length : body.size;
}

async function* bodyChunks(body: RequestBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) yield body;
  else yield* body.chunks();
}

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly agents?: HttpAgents | undefined;
  readonly bandwidth?: TokenBucket | undefined;
  /** No byte sent or received for this long fails the request as RequestStalled. */
  readonly idleTimeoutMs: number;
  /** Called with each slice's size once the socket has accepted it. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
  /**
   * Called with the time from the request's last byte leaving (so after any TCP and TLS set-up) to the answer's
   * headers: the round trip plus the server's time, for a request with a small body.
   */
  readonly onRoundTrip?: ((ms: number) => void) | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Requests in flight that may share one abort signal before Node warns (above any agent's socket limit). */
const SHARED_SIGNAL_LISTENERS = 1024;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The request was aborted');
  error.name = 'AbortError';
  return error;
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function networkError(error: NodeJS.ErrnoException): OssError {
  const code = error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'ConnectionReset' : 'NetworkError';
  return new OssError(code, `${error.code ?? 'network error'}: ${error.message}`, { cause: error });
}

export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const route = request.agents ? await request.agents.routeFor(request.url) : undefined;
  return send(request, route);
}

function send(request: HttpRequest, route: HttpRoute | undefined): Promise<HttpResponse> {
  const { url, signal } = request;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const isHttps = url.protocol === 'https:';
  const body = request.body;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const size = bodySize(body);
    const headers = { ...request.headers, 'content-length': String(size) };
    const req =
      route?.kind === 'forward'
        ? http.request({
            host: route.proxy.hostname,
            port: route.proxy.port || 80,
            path: url.href,
            method: request.method,
            headers: { ...headers, host: url.host, ...proxyAuthorization(route.proxy) },
            agent: route.agent,
          })
        : (isHttps ? https : http).request(url, { method: request.method, headers, agent: route?.agent });

    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(error);
      // A plain destroy() closes gracefully: the kernel would still deliver the megabytes queued in the
      // send buffer after a pause. A reset drops them, so traffic stops at once. Only a plain TCP socket can
      // be reset: on a TLS socket (every real OSS endpoint) resetAndDestroy throws ERR_INVALID_HANDLE_TYPE,
      // which used to escape from here (an abort crashed the CLI; a stalled part never settled).
      const socket = req.socket;
      if (socket !== null && !socket.destroyed && typeof socket.resetAndDestroy === 'function') {
        try {
          socket.resetAndDestroy();
        } catch {
          socket.destroy();
        }
      }
      req.destroy();
    };
    // Extra patience while the send buffer drains after the last write (see drainAllowanceMs).
    let drainMs = 0;
    const arm = (): void => {
      clearTimeout(timer);
      const limit = request.idleTimeoutMs + drainMs;
      timer = setTimeout(() => fail(new OssError('RequestStalled', `No bytes moved for ${limit} ms`)), limit);
    };
    const disarm = (): void => clearTimeout(timer);
    const onAbort = (): void => fail(abortError(signal as AbortSignal));
    if (signal !== undefined) {
      // A job's or an engine's signal is shared by every request in flight for it (dozens under adaptive
      // concurrency), each listener removed when its request settles: past Node's default of 10 is expected,
      // and its "possible memory leak" warning would only alarm whoever reads the CLI's output.
      if (getMaxListeners(signal) < SHARED_SIGNAL_LISTENERS) setMaxListeners(SHARED_SIGNAL_LISTENERS, signal);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    arm();

    let responded = false;
    let finishedAt: number | undefined;
    req.once('finish', () => {
      finishedAt = performance.now();
    });
    req.on('error', (error) => fail(networkError(error)));
    req.on('response', (res) => {
      responded = true;
      if (finishedAt !== undefined) request.onRoundTrip?.(performance.now() - finishedAt);
      drainMs = 0;
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

    const writeStarted = performance.now();
    const writeBody = async (): Promise<void> => {
      if (body === undefined || size === 0) {
        req.end();
        return;
      }
      let sent = 0;
      for await (const chunk of bodyChunks(body)) {
        if (settled || responded) break;
        if (sent + chunk.length > size) throw new Error(`The body is longer than its ${size} bytes`);
        await writeChunk(chunk);
        sent += chunk.length;
      }
      if (settled) return;
      // OSS may answer (an error) before the whole body is in: then there is nothing more to send.
      if (!responded && sent !== size) throw new Error(`The body ended after ${sent} of its ${size} bytes`);
      req.end();
      if (!responded) {
        drainMs = drainAllowanceMs(size, performance.now() - writeStarted, request.idleTimeoutMs);
        arm();
      }
    };
    const paced = request.bandwidth !== undefined && request.bandwidth.bytesPerSecond > 0;
    const sliceBytes = sliceBytesFor(
      body instanceof Uint8Array ? undefined : body?.bytesPerSecond,
      request.idleTimeoutMs,
      paced,
    );
    /** Writes one chunk in slices, each under the bandwidth limit; `written` once its last slice is in. */
    const writeChunk = async (chunk: Uint8Array): Promise<void> => {
      for (let offset = 0; offset < chunk.length && !settled && !responded; offset += sliceBytes) {
        const end = Math.min(chunk.length, offset + sliceBytes);
        const slice = chunk.subarray(offset, end);
        if (request.bandwidth !== undefined && request.bandwidth.bytesPerSecond > 0) {
          // Waiting for our turn under the bandwidth limit is not a stall.
          disarm();
          await request.bandwidth.take(slice.length, signal);
          if (settled) return;
          arm();
        }
        const last = end === chunk.length;
        const flushed = req.write(slice, (error) => {
          if (error || settled) return;
          arm();
          request.onProgress?.(slice.length);
          if (last && !(body instanceof Uint8Array)) body?.written?.(chunk);
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
    };
    writeBody().catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  });
}
