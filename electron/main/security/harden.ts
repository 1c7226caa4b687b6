import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import { withCspHeader } from './csp';

/**
 * Guards for every web contents and session in the app (Electron's security checklist, items 4-14).
 * Installed on `web-contents-created`, so they cover the main window and anything created later (a devtools
 * page, a stray iframe's contents), not just the window we made ourselves.
 */

/** Hosts whose https links the app may hand to the system browser (documentation and the console). */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'help.aliyun.com',
  'www.alibabacloud.com',
  'vod.console.aliyun.com',
  'ram.console.aliyun.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_LINK_HOSTS.has(parsed.hostname) && parsed.username === '';
  } catch {
    return false;
  }
}

/** The app is a single page: it never navigates, never redirects, never opens a window, never hosts a webview. */
export function hardenWebContents(contents: WebContents) {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to the documentation opens in the user's browser; nothing opens inside the app.
    // Not awaited: the handler must answer at once; with no browser to open it, the link simply does nothing.
    if (isAllowedExternalUrl(url)) shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** No permission is ever granted (camera, notifications from the page, geolocation, HID, serial, ...). */
export function hardenSession(target: Session) {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback(isAppUrl(details.url) ? { responseHeaders: withCspHeader(details.responseHeaders) } : {});
  });
}

/** Installs the guards app-wide. Call before the first window is created. */
export function installWebContentsGuards() {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
}
