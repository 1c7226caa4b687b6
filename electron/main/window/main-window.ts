import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly url: string;
  readonly allowDevTools: boolean;
}

/**
 * The renderer is untrusted (docs/architecture.md, "Processes"): it runs sandboxed, isolated from the preload, with no Node,
 * and reaches the app only through the contract API the preload exposes. Every flag is spelled out, even
 * where it matches Electron's default, and written inline, so a reader, the unit test and the static
 * scanner (electronegativity) all see the whole policy in one literal.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'VOD Uploader',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links through a path the window-open handler does not see.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.allowDevTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Not awaited: the caller gets the window at once and it shows itself on ready-to-show. A load that fails
  // leaves it hidden (nothing here watches for that yet); the rejection reaches Electron's own warning.
  void win.loadURL(options.url);
  return win;
}
