import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Redactor } from '../../electron/core/log/redactor';
import { StaticCredentialSource } from '../../electron/core/vod/caller-credentials';
import { resolveVodEndpoint } from '../../electron/core/vod/endpoints';
import {
  AUTH_SERVICE_PROTOCOL_VERSION,
  AuthCreateRequestSchema,
  AuthDeleteRequestSchema,
  AuthRefreshRequestSchema,
  type AuthDeleteRequest,
  type AuthDeleteResponse,
  type AuthErrorResponse,
} from '../../electron/core/vod/auth-service-protocol';
import { deleteMediaWith } from '../../electron/core/vod/media-deleter';
import { issueWithVod } from '../../electron/core/vod/upload-issuer';
import { VodClient, type SearchType } from '../../electron/core/vod/vod-client';
import { VodError } from '../../electron/core/vod/vod-error';

export interface AuthServiceOptions {
  /** The VOD endpoint to call (the emulator's http://127.0.0.1:PORT). */
  readonly vodEndpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly regionId?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  readonly port?: number;
  /** Offer the optional /delete call (default true); false answers it 404 like a service without it. */
  readonly offerDelete?: boolean;
}

export interface RunningAuthService {
  /** Base URL to configure in an "authorization service" profile. */
  readonly url: string;
  /** Requests served per path (create, refresh, status), including refused ones. */
  readonly requests: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * The reference authorization service of docs/auth-service.md: what an organisation runs so that editors'
 * machines never hold an AccessKey. It authenticates the app (bearer token), then calls VOD with its own
 * AccessKey through the same typed VOD client the app uses.
 */
export async function startAuthService(options: AuthServiceOptions): Promise<RunningAuthService> {
  const regionId = options.regionId ?? 'cn-shanghai';
  const vod = new VodClient({
    endpoint: resolveVodEndpoint(regionId, options.vodEndpoint),
    regionId,
    credentials: new StaticCredentialSource({
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
    }),
    // The app retries; a server that retried too would multiply the calls VOD sees.
    maxAttempts: 1,
  });
  const redactor = new Redactor();
  redactor.register(options.accessKeySecret);
  const requests: Record<string, number> = {};
  const offerDelete = options.offerDelete ?? true;

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      send(res, 500, { code: 'InternalError', message: redactor.redactString(String(e)) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The service may sit under any base path (https://example.org/vod-auth): the last segment names the call.
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '').split('/').pop() ?? '';
    requests[path] = (requests[path] ?? 0) + 1;
    if (options.bearerToken && !bearerMatches(req.headers.authorization, options.bearerToken)) {
      return send(res, 401, { code: 'Unauthorized', message: 'A valid bearer token is required.' });
    }
    if (path === 'status' && req.method === 'GET') {
      return send(res, 200, {
        ok: true,
        protocol: AUTH_SERVICE_PROTOCOL_VERSION,
        region: regionId,
        features: offerDelete ? ['delete'] : [],
      });
    }
    const known = path === 'create' || path === 'refresh' || (offerDelete && path === 'delete');
    if (req.method !== 'POST' || !known) {
      return send(res, 404, { code: 'NotFound', message: `No such endpoint: ${req.method} /${path}` });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { code: 'InvalidParameter', message: 'The body must be JSON.' });
    }
    try {
      if (path === 'create') {
        const parsed = AuthCreateRequestSchema.safeParse(body);
        if (!parsed.success) return send(res, 400, invalid(parsed.error.issues));
        return send(res, 200, await issueWithVod(vod, parsed.data));
      }
      if (path === 'delete') {
        const parsed = AuthDeleteRequestSchema.safeParse(body);
        if (!parsed.success) return send(res, 400, invalid(parsed.error.issues));
        return send(res, 200, await deleteUnfinished(vod, parsed.data));
      }
      const parsed = AuthRefreshRequestSchema.safeParse(body);
      if (!parsed.success) return send(res, 400, invalid(parsed.error.issues));
      return send(res, 200, await vod.refreshUploadVideo(parsed.data.videoId));
    } catch (e) {
      if (e instanceof VodError) {
        const status = e.httpStatus ?? (e.kind === 'timeout' || e.kind === 'network' ? 502 : 500);
        const error: AuthErrorResponse = { code: e.code, message: redactor.redactString(e.message) };
        return send(res, status, e.requestId ? { ...error, requestId: e.requestId } : error);
      }
      throw e;
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vod-auth`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * /delete deletes only media still in "Uploading" (what an upload left unfinished): a bearer token must never
 * be able to remove a finished video from the library. The others are answered as refused.
 */
async function deleteUnfinished(vod: VodClient, request: AuthDeleteRequest): Promise<AuthDeleteResponse> {
  const searchTypes: SearchType[] =
    request.kind === 'video' ? ['video', 'audio'] : request.kind === 'image' ? ['image'] : ['attached'];
  const unfinished = new Set<string>();
  for (const searchType of searchTypes) {
    for (const id of request.mediaIds) {
      const page = await vod.searchMedia({
        searchType,
        match: `MediaId = '${id.replace(/['\\]/g, '')}' and Status in ('Uploading')`,
        pageSize: 1,
      });
      for (const m of page.media) unfinished.add(m.mediaId);
    }
  }
  const deleted = request.mediaIds.filter((id) => unfinished.has(id));
  await deleteMediaWith(vod, request.kind, deleted);
  return { deleted, refused: request.mediaIds.filter((id) => !unfinished.has(id)) };
}

function invalid(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): AuthErrorResponse {
  return {
    code: 'InvalidParameter',
    message: issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; '),
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
