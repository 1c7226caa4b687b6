import { BrowserWindow, type WebPreferences } from 'electron';

/**
 * The renderer is untrusted (ARCHITECTURE.md): it runs sandboxed, isolated from the preload, with no Node,
 * and reaches the app only through the contract API the preload exposes. Every flag is spelled out, even
 * where it matches Electron's default, so a reader (and the unit test) sees the whole policy here.
 */
export function mainWindowWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: allowDevTools,
  };
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly url: string;
  readonly allowDevTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'VOD Uploader',
    webPreferences: mainWindowWebPreferences(options.preloadPath, options.allowDevTools),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
