/**
 * How the engine learns which proxy to use, whatever the host:
 * - the Electron app passes a resolver over the system settings (session.resolveProxy: PAC files, WPAD,
 *   per-host exceptions, all decided by Chromium);
 * - the CLI passes `envProxyResolver(process.env)` (HTTPS_PROXY / HTTP_PROXY / NO_PROXY).
 *
 * Contract for the core: before opening a connection to a URL (a VOD OpenAPI endpoint, an OSS bucket
 * endpoint, an authorization service), call `resolve(url)`. `null` means connect directly; otherwise the
 * answer is a proxy URL (`http://host:port`, optionally with credentials) and the request must go through
 * it: plain http requests with the absolute URL as the request target, https requests through an HTTP
 * CONNECT tunnel (one agent per proxy URL, cached, keep-alive). The resolver may be called often; hosts
 * cache nothing themselves, so the core should cache per origin for the life of an engine run.
 */
export type ProxyResolver = (url: string) => Promise<string | null>;

export const directProxyResolver: ProxyResolver = () => Promise.resolve(null);
