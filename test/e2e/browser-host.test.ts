import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { createDevServices, type DevServices } from '../browser-host/dev-services';
import { buildPreviewRenderer, startBrowserHost, type BrowserHost } from '../browser-host/server';
import { WS_PATH } from '../browser-host/ws-protocol';

/** The host serves the contract only to its own page: loopback, its own origin, the random token. */
describe('browser host transport', () => {
  let host: BrowserHost;
  let services: DevServices;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vod-host-test-'));
    await buildPreviewRenderer(dir);
    services = createDevServices();
    host = await startBrowserHost({ services, rendererDir: dir });
  });
  afterAll(async () => {
    await host?.close();
    await services?.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  const origin = () => `http://127.0.0.1:${host.port}`;
  const token = () => new URL(host.url).searchParams.get('token') ?? '';
  const connect = (query: string, headers: Record<string, string>) =>
    new Promise<{ ws: WebSocket | null; status: number | null }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}${query}`, { headers });
      ws.once('open', () => resolve({ ws, status: 101 }));
      ws.once('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? null }));
      ws.once('error', () => resolve({ ws: null, status: null }));
    });

  it('listens on loopback and serves the page with the bridge script before the app', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const html = await (await fetch(host.url)).text();
    expect(html.indexOf('/__vod/bridge.js')).toBeGreaterThan(0);
    expect(html.indexOf('/__vod/bridge.js')).toBeLessThan(html.indexOf('type="module"'));
    expect(html).toContain('connect-src ws://127.0.0.1:*');
  });

  it('refuses a wrong token, a foreign origin and a foreign Host header', async () => {
    expect((await connect('?token=nope', { origin: origin() })).status).toBe(403);
    expect((await connect(`?token=${token()}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect(`?token=${token()}`, {})).status).toBe(403);
    // fetch() will not send a foreign Host header; node:http will, as a DNS-rebinding page's browser would.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('answers an invoke with the dispatcher’s validated result, and rejects bad payloads as values', async () => {
    const { ws } = await connect(`?token=${token()}`, { origin: origin() });
    expect(ws).not.toBeNull();
    const ask = (id: number, channel: string, payload: unknown) =>
      new Promise<any>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(String(data));
          if (message.type === 'result' && message.id === id) {
            ws!.off('message', onMessage);
            resolve(message.result);
          }
        };
        ws!.on('message', onMessage);
        ws!.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      });
    expect(await ask(1, 'settings:get', {})).toMatchObject({
      ok: true,
      value: { filesAtOnce: DEFAULT_SETTINGS.filesAtOnce },
    });
    expect(await ask(2, 'queue:pause', { ids: [] })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_REQUEST' },
    });
    expect(await ask(3, 'fs:read', {})).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    ws!.close();
  });
});
