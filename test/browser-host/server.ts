import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppServices } from '../../electron/core/app/app-services';
import type { PreviewMedia } from '../../shared/ipc/bridge';
import { createDispatcher } from '../../electron/core/ipc/dispatcher';
import { ClientMessageSchema, BRIDGE_SCRIPT_PATH, WS_PATH, type ServerMessage } from './ws-protocol';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface BrowserHostOptions {
  readonly services: AppServices;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** A renderer already built in mode 'preview'; built into a temporary folder when absent. */
  readonly rendererDir?: string;
  readonly log?: (line: string) => void;
  /** Shown by the renderer: where "Add files…" / "Add folder…" take media from (`npm run preview`). */
  readonly media?: PreviewMedia;
}

export interface BrowserHost {
  /** http://127.0.0.1:<port>/?token=<token> — the only URL whose page may talk to the services. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Builds the renderer exactly as Electron gets it, except for the preview CSP (the loopback WebSocket). */
export async function buildPreviewRenderer(outDir: string): Promise<void> {
  await viteBuild({
    configFile: join(repoRoot, 'renderer/vite.config.ts'),
    mode: 'preview',
    root: join(repoRoot, 'renderer'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

async function buildBridgeScript(media: PreviewMedia | null): Promise<string> {
  const result = await esbuild({
    define: { __VOD_PREVIEW_MEDIA__: JSON.stringify(media) },
    entryPoints: [join(repoRoot, 'test/browser-host/ws-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bridge script');
  return file.text;
}

/**
 * Serves the built renderer and the IPC contract over one loopback WebSocket. Every invoke goes through the
 * same dispatcher as Electron's ipcMain binding; snapshots are forwarded as 'queue:snapshot' events.
 * Loopback only; the WebSocket requires the random token and this server's own origin.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? (() => {});
  let ownDir: string | null = null;
  let rendererDir = options.rendererDir;
  if (!rendererDir) {
    ownDir = await mkdtemp(join(tmpdir(), 'vod-renderer-'));
    rendererDir = ownDir;
    await buildPreviewRenderer(rendererDir);
  }
  const root = rendererDir;
  const bridgeScript = await buildBridgeScript(options.media ?? null);
  const indexHtml = injectBridge(await readFile(join(root, 'index.html'), 'utf8'));
  const token = randomBytes(24).toString('base64url');
  const dispatch = createDispatcher(options.services.handlers, (e) => log(`service error: ${String(e)}`));

  const server = createServer((req, res) => {
    void serveStatic(req, res).catch((e: unknown) => {
      log(`http error: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const expectedHost = () => `127.0.0.1:${port}`;
  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host !== expectedHost()) {
      // A DNS-rebinding page reaches us under another Host name: refuse.
      res.writeHead(421).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === BRIDGE_SCRIPT_PATH) {
      send(res, 200, MIME['.js'] ?? '', bridgeScript);
      return;
    }
    if (path === '/' || path === '/index.html') {
      send(res, 200, MIME['.html'] ?? '', indexHtml);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === WS_PATH &&
      req.headers.host === expectedHost() &&
      req.headers.origin === `http://${expectedHost()}` &&
      sameToken(url.searchParams.get('token') ?? '', token);
    if (!allowed) {
      log(`refused WebSocket from origin ${String(req.headers.origin)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data) => {
        let parsed;
        try {
          parsed = ClientMessageSchema.safeParse(JSON.parse(String(data)));
        } catch {
          return;
        }
        if (!parsed.success) return;
        const { id, channel, payload } = parsed.data;
        void dispatch(channel, payload).then((result) => {
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ type: 'result', id, result } satisfies ServerMessage));
        });
      });
    });
  });

  const broadcast = (message: ServerMessage) => {
    const text = JSON.stringify(message);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const offSnapshot = options.services.onSnapshot((snapshot) =>
    broadcast({ type: 'event', channel: 'queue:snapshot', payload: snapshot }),
  );
  const offWatch = options.services.onWatchChange((folders) =>
    broadcast({ type: 'event', channel: 'watch:changed', payload: { folders } }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      offSnapshot();
      offWatch();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

/** The bridge must exist before the renderer's module script runs: a classic script in <head> does. */
function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;
  if (!html.includes('</title>')) throw new Error('index.html has no <title> to anchor the bridge script');
  return html.replace('</title>', `</title>\n    ${tag}`);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
