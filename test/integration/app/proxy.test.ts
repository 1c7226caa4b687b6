import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServicesWithInternals } from '../../../electron/core/app/create-app-services';
import { createDispatcher } from '../../../electron/core/ipc/dispatcher';
import { Redactor } from '../../../electron/core/log/redactor';
import { envProxyResolver } from '../../../electron/core/net/proxy-env';
import { startAuthService } from '../../auth-service/server';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { noDesktop } from '../../helpers/app-harness';

/** A minimal forward proxy for plain http: it relays absolute-URI requests and records what it carried. */
function startForwardProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    seen.push(`malformed request: ${error.code}`);
    socket.destroy();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

describe('uploads through a proxy', () => {
  let emulator: RunningEmulator;
  let root: string;

  beforeAll(async () => {
    // A forward proxy carries plain http (https goes through CONNECT: test/integration/oss/https-proxy-tunnel),
    // and resolves the target itself: the emulator's plain-http, path-style mode.
    emulator = await startEmulator({ port: 0, https: false, virtualHosted: false });
    root = await mkdtemp(join(tmpdir(), 'vod-proxy-'));
  });
  afterAll(async () => {
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  type Credential = Record<string, unknown>;
  const accessKey = (): Credential => ({
    kind: 'access-key',
    accessKeyId: emulator.config.accessKeyId,
    accessKeySecret: emulator.config.accessKeySecret,
  });

  async function uploadWith(proxyEnv: Record<string, string>, name: string, credential = accessKey()) {
    const dataDir = join(root, `data-${name}`);
    const { services, internals } = await createAppServicesWithInternals({
      dataDir,
      redactor: new Redactor(),
      desktop: noDesktop,
      resolveProxy: envProxyResolver(proxyEnv),
      vodStatusPollMs: 0,
    });
    try {
      const dispatch = createDispatcher(services.handlers);
      const saved = await dispatch('profiles:save', {
        name: 'Emulator',
        region: emulator.config.regionId,
        endpoint: emulator.config.vodEndpoint,
        defaults: { titleTemplate: '{name}', tags: [] },
        credential,
      });
      if (!saved.ok) throw new Error(saved.error.message);
      await dispatch('settings:set', {
        defaultProfileId: (saved.value as { id: string }).id,
        partSize: 256 * 1024,
      });
      const file = join(root, `${name}.mp4`);
      await writeFile(file, Buffer.alloc(700 * 1024, 7));
      await dispatch('queue:add', { paths: [file] });
      const started = Date.now();
      while (!internals.store.jobs.list().every((j) => j.status.state === 'done')) {
        if (Date.now() - started > 30_000)
          throw new Error(
            `upload did not finish: ${JSON.stringify(internals.store.jobs.list().map((j) => j.status))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await services.shutdown();
    }
  }

  it('sends every OSS and VOD OpenAPI request through HTTP_PROXY, and none when NO_PROXY covers the host', async () => {
    const proxy = await startForwardProxy();
    try {
      await uploadWith({ HTTP_PROXY: proxy.url }, 'proxied');
      const vod = new URL(emulator.config.vodEndpoint);
      // The SDK's calls (test connection is not made here; CreateUploadVideo is) go through the proxy too.
      expect(proxy.seen.filter((line) => line.startsWith(`POST http://${vod.host}/`)).length).toBeGreaterThan(
        0,
      );
      expect(proxy.seen.filter((line) => line.startsWith('malformed'))).toEqual([]);
      const oss = new URL(emulator.config.ossEndpoint);
      const carried = proxy.seen.filter((line) => line.includes(`//${oss.host}/`));
      expect(carried.some((line) => line.startsWith('POST ') && line.includes('uploads'))).toBe(true);
      expect(carried.filter((line) => line.startsWith('PUT ') && line.includes('partNumber='))).toHaveLength(
        3,
      );

      proxy.seen.length = 0;
      await uploadWith({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }, 'direct');
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('reaches an authorization service through the proxy too', async () => {
    const proxy = await startForwardProxy();
    const auth = await startAuthService({
      vodEndpoint: emulator.config.vodEndpoint,
      accessKeyId: emulator.config.accessKeyId,
      accessKeySecret: emulator.config.accessKeySecret,
    });
    try {
      await uploadWith({ HTTP_PROXY: proxy.url }, 'via-auth', { kind: 'auth-service', url: auth.url });
      expect(proxy.seen).toContain(`POST ${auth.url}/create`);
    } finally {
      await auth.stop();
      await proxy.close();
    }
  });
});
