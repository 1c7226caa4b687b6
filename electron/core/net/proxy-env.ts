import type { ProxyResolver } from './proxy-resolver';

/**
 * The conventional proxy variables, as curl and most tools read them:
 * - HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs (lower-case names win over upper-case, the way
 *   curl does; ALL_PROXY is the fallback for both);
 * - NO_PROXY: comma- or space-separated hosts; `*` matches everything; `example.com` and `.example.com`
 *   match that domain and its subdomains; an entry may carry a port (`host:8080`); IP literals match exactly.
 * A proxy value without a scheme is taken as http://.
 */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

function pick(env: ProxyEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function proxyForUrl(target: string, env: ProxyEnv): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return null;
  const defaultPort = scheme === 'https' ? '443' : '80';
  if (isExcluded(url.hostname, url.port || defaultPort, pick(env, 'no_proxy'))) return null;
  const proxy = pick(env, scheme === 'https' ? 'https_proxy' : 'http_proxy') ?? pick(env, 'all_proxy');
  if (!proxy) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function isExcluded(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = stripBrackets(hostname.toLowerCase());
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const { name, entryPort } = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = name.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function splitHostPort(entry: string): { name: string; entryPort: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
  // More than one colon and no brackets: a bare IPv6 address, no port.
  if ((entry.match(/:/g) ?? []).length > 1) return { name: entry, entryPort: undefined };
  const [name = '', entryPort] = entry.split(':');
  return { name, entryPort };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** A resolver over a fixed environment (read once: the CLI's environment does not change while it runs). */
export function envProxyResolver(env: ProxyEnv): ProxyResolver {
  const snapshot = { ...env };
  return (url) => Promise.resolve(proxyForUrl(url, snapshot));
}
