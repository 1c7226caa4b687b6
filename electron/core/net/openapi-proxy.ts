import type { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ProxyResolver } from './proxy-resolver';

/**
 * Alibaba Cloud's Node SDK stack (@alicloud/openapi-client and openapi-core for VOD and STS, through tea and
 * @darabonba/typescript) sends every request with `httpx.request` and an agent of its own: it accepts
 * httpProxy/httpsProxy settings but never applies them. `httpx.request` is looked up on httpx's exports at
 * call time, so one wrapper hands it an agent chosen by the host's proxy resolver, and VOD OpenAPI and STS
 * calls follow the same proxy decision as the uploads. httpx is used by nothing else in this app.
 */

type HttpxRequest = (url: string | URL, options?: Record<string, unknown>) => Promise<unknown>;

const localRequire = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
let original: HttpxRequest | undefined;
let current: ((url: URL) => Promise<Agent | undefined>) | undefined;

/**
 * Routes the SDK's requests through `resolveProxy` until the returned function is called (the proxy is a
 * process-wide setting, like the system's). A resolver that fails leaves the request direct.
 */
export function routeOpenApiThroughProxy(resolveProxy: ProxyResolver): () => void {
  const httpx = localRequire('httpx') as { request: HttpxRequest };
  if (original === undefined) {
    const direct = httpx.request;
    original = direct;
    httpx.request = async (url, options = {}) => {
      const target = typeof url === 'string' ? new URL(url) : url;
      const agent = await current?.(target).catch(() => undefined);
      return direct(url, agent ? { ...options, agent } : options);
    };
  }
  const agents = new Map<string, Promise<Agent | undefined>>();
  const route = (url: URL): Promise<Agent | undefined> => {
    let agent = agents.get(url.origin);
    if (!agent) {
      agent = resolveProxy(url.href).then((proxy) => {
        if (!proxy) return undefined;
        return url.protocol === 'https:'
          ? new HttpsProxyAgent(proxy, { keepAlive: true })
          : new HttpProxyAgent(proxy, { keepAlive: true });
      });
      agents.set(url.origin, agent);
    }
    return agent;
  };
  current = route;
  return () => {
    if (current === route) current = undefined;
    // Nothing waits for the sockets to close. A resolver that failed left a rejected promise here (the request
    // went direct): ignore it, or stopping the route would raise an unhandled rejection.
    for (const agent of agents.values()) {
      void agent.then(
        (a) => a?.destroy(),
        () => undefined,
      );
    }
  };
}
