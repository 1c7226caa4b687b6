import type { Session } from 'electron';
import { proxyUrlFromPacResult } from '../../core/net/pac-result';
import type { ProxyResolver } from '../../core/net/proxy-resolver';

/**
 * The system proxy as Chromium sees it (OS settings, PAC scripts, WPAD, bypass lists), for the engine's
 * own HTTP requests in main. If resolution fails the request goes direct, as Chromium's own fallback does.
 */
export function systemProxyResolver(target: Pick<Session, 'resolveProxy'>): ProxyResolver {
  return async (url) => {
    try {
      return proxyUrlFromPacResult(await target.resolveProxy(url));
    } catch {
      return null;
    }
  };
}
