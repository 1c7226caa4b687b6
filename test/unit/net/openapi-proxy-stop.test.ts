import { afterEach, describe, expect, it } from 'vitest';
import { routeOpenApiThroughProxy } from '../../../electron/core/net/openapi-proxy';

describe('routeOpenApiThroughProxy', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('stops without an unhandled rejection when the proxy resolver had failed (the request went direct)', async () => {
    process.on('unhandledRejection', onUnhandled);
    const stop = routeOpenApiThroughProxy(() => Promise.reject(new Error('PAC script broken')));
    const { createRequire } = await import('node:module');
    const httpx = createRequire(import.meta.url)('httpx') as {
      request: (url: string, options?: Record<string, unknown>) => Promise<unknown>;
    };
    // Port 9 on loopback refuses at once: the request goes direct (the resolver failed) and fails; that is fine.
    await httpx.request('http://127.0.0.1:9/', { timeout: 1000 }).catch(() => undefined);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});
