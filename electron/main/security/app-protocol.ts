import { isAbsolute, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * The renderer is served from a custom privileged scheme, app://vod-uploader/, not file://: a file:// page
 * could read any local file the OS lets the user read, and 'self' in the CSP would mean "the whole disk".
 * The origin is fixed, so the IPC sender check and the navigation guard compare against one prefix.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vod-uploader';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  return url.startsWith(APP_URL_PREFIX);
}

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

/**
 * Maps an app:// URL to a file under the renderer's build folder, or null when it names another host or
 * tries to climb out of the folder (`..`, encoded or not). The file system path is decided here, in one
 * place, so it can be read and tested without Electron.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, wanted));
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

/** Serves the renderer's files, each response carrying the CSP header. Call once the app is ready. */
export function handleAppProtocol(rendererDir: string) {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
