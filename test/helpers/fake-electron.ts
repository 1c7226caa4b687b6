import { EventEmitter } from 'node:events';

/**
 * One fake 'electron' module for unit tests (Electron cannot launch on these machines). Tests install it with
 * `vi.mock('electron', () => import('../../helpers/fake-electron'))` and reset it with `resetFakeElectron()`.
 * It imitates just enough of Electron's behaviour to be strict: invoking a channel with no handler rejects,
 * as Electron does, and a second handler for one channel throws.
 */

import {
  dialog,
  FakeNotification,
  FakeTray,
  Menu,
  net,
  powerSaveBlocker,
  protocol,
  shell,
} from './fake-electron-desktop';

export * from './fake-electron-desktop';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebFrameMain {
  public constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  public readonly sent: Array<{ channel: string; payload: unknown }> = [];
  public readonly mainFrame: FakeWebFrameMain;
  public destroyed = false;
  public windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  public constructor(url = 'file:///app/index.html') {
    super();
    this.mainFrame = new FakeWebFrameMain(url);
  }
  public send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  public isDestroyed() {
    return this.destroyed;
  }
  public setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  public getURL() {
    return this.mainFrame.url;
  }
  /** The session this contents belongs to (the default one unless a test says otherwise). */
  public session: FakeSession = session.defaultSession;
  public loading = false;
  public isLoading() {
    return this.loading;
  }
  /** Emits a navigation-style event the way Electron does and says whether a listener prevented it. */
  public emitPreventable(eventName: string, ...args: unknown[]) {
    const event = new FakeEvent();
    this.emit(eventName, event, ...args);
    return event.defaultPrevented;
  }
}

class FakeIpcMain extends EventEmitter {
  public readonly handlers = new Map<string, Handler>();
  public handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  public removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would do, from a given sender. */
  public async invoke(
    channel: string,
    sender: FakeWebContents,
    frame: FakeWebFrameMain | null,
    ...args: unknown[]
  ) {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frame }, ...args);
  }
}

class FakeIpcRenderer extends EventEmitter {
  public target: { invoke(channel: string, ...args: unknown[]): Promise<unknown> } | null = null;
  public invoke(channel: string, ...args: unknown[]) {
    if (!this.target) return Promise.reject(new Error('no main process'));
    return this.target.invoke(channel, ...args);
  }
}

export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    exposed[key] = api;
  },
};
export const webUtils = {
  getPathForFile(file: { path?: string }) {
    return file.path ?? '';
  },
};

/** Electron's Event: preventDefault() is recorded so tests can ask whether a guard refused something. */
export class FakeEvent {
  public defaultPrevented = false;
  public preventDefault() {
    this.defaultPrevented = true;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: unknown,
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export class FakeSession {
  public permissionRequestHandler: PermissionRequestHandler | null = null;
  public permissionCheckHandler: PermissionCheckHandler | null = null;
  public devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  public headersListener: HeadersListener | null = null;
  /** What resolveProxy answers, per URL or for all ('*'). */
  public proxyAnswers = new Map<string, string>();
  public readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null) => {
      this.headersListener = listener;
    },
  };
  public setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
    this.permissionRequestHandler = handler;
  }
  public setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
    this.permissionCheckHandler = handler;
  }
  public setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null) {
    this.devicePermissionHandler = handler;
  }
  public resolveProxy(url: string) {
    return Promise.resolve(this.proxyAnswers.get(url) ?? this.proxyAnswers.get('*') ?? 'DIRECT');
  }
}

export const session = { defaultSession: new FakeSession() };

export class FakeBrowserWindow extends EventEmitter {
  public static readonly instances: FakeBrowserWindow[] = [];
  /** When set, the next constructor call throws it (a GPU / display failure at window creation). */
  public static failNextWith: Error | null = null;
  public static getAllWindows() {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  public readonly webContents: FakeWebContents;
  public readonly progress: Array<{ progress: number; options: unknown }> = [];
  public loadedUrl: string | null = null;
  public destroyed = false;
  public visible = false;
  public minimized = false;
  public focusCount = 0;
  public constructor(public readonly options: Record<string, unknown> = {}) {
    super();
    const failure = FakeBrowserWindow.failNextWith;
    if (failure) {
      FakeBrowserWindow.failNextWith = null;
      throw failure;
    }
    this.webContents = new FakeWebContents('');
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  public loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  public setProgressBar(progress: number, options?: unknown) {
    this.progress.push({ progress, options });
  }
  public isDestroyed() {
    return this.destroyed;
  }
  public destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  public close() {
    this.destroy();
  }
  public show() {
    this.visible = true;
  }
  public isMinimized() {
    return this.minimized;
  }
  public restore() {
    this.minimized = false;
  }
  public focus() {
    this.focusCount += 1;
  }
}
export { FakeBrowserWindow as BrowserWindow };

class FakeApp extends EventEmitter {
  public gotLock = true;
  /** Whether this instance still holds the single-instance lock. */
  public holdsLock = false;
  /** Chromium switches the app was started with (without the leading --). */
  public readonly commandLine = {
    switches: new Set<string>(),
    hasSwitch(name: string) {
      return this.switches.has(name);
    },
  };
  public isPackaged = false;
  public name = 'VOD Uploader';
  public exitCode: number | null = null;
  public quitCalls = 0;
  public readonly paths = new Map<string, string>();
  public requestSingleInstanceLock() {
    this.holdsLock = this.gotLock;
    return this.gotLock;
  }
  public releaseSingleInstanceLock() {
    this.holdsLock = false;
  }
  public setPath(name: string, path: string) {
    this.paths.set(name, path);
  }
  public whenReady() {
    return Promise.resolve();
  }
  public isReady() {
    return true;
  }
  /** Like Electron: emits before-quit, and quits only if no listener prevented it. */
  public quit() {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.exitCode = 0;
  }
  public exit(code = 0) {
    this.exitCode = code;
  }
  public getPath(name: string) {
    return this.paths.get(name) ?? `/fake/${name}`;
  }
  public getAppPath() {
    return this.paths.get('app') ?? '/fake/app';
  }
  public getVersion() {
    return '0.0.0-test';
  }
  public getName() {
    return this.name;
  }
  public setAppUserModelId(_id: string) {}
  /** The OS's language list, as Electron reports it (what 'system' language follows). */
  public preferredSystemLanguages: string[] = ['en-US'];
  public getPreferredSystemLanguages() {
    return [...this.preferredSystemLanguages];
  }
}
export const app = new FakeApp();

/**
 * An OS keychain stand-in with only Electron's asynchronous API (the synchronous one is deprecated, so code
 * that still calls it fails here): "encrypts" reversibly so round trips can be checked, and records calls.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  encrypted: 0,
  /** When true, decrypting says the key was rotated (shouldReEncrypt), as Electron does after a key change. */
  keyRotated: false,
  isAsyncEncryptionAvailable() {
    return Promise.resolve(this.available);
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptStringAsync(plain: string) {
    if (!this.available) return Promise.reject(new Error('Encryption is not available.'));
    this.encrypted++;
    return Promise.resolve(Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)));
  },
  decryptStringAsync(cipher: Buffer) {
    const result = Buffer.from(cipher.map((b) => b ^ 0x5a)).toString('utf8');
    return Promise.resolve({ result, shouldReEncrypt: this.keyRotated });
  },
};

export function resetFakeElectron() {
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.encrypted = 0;
  safeStorage.keyRotated = false;
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  ipcRenderer.target = null;
  for (const key of Object.keys(exposed)) delete exposed[key];
  app.removeAllListeners();
  app.gotLock = true;
  app.holdsLock = false;
  app.commandLine.switches.clear();
  app.isPackaged = false;
  app.exitCode = null;
  app.quitCalls = 0;
  app.paths.clear();
  app.preferredSystemLanguages = ['en-US'];
  session.defaultSession = new FakeSession();
  FakeBrowserWindow.instances.length = 0;
  FakeBrowserWindow.failNextWith = null;
  FakeTray.instances.length = 0;
  FakeNotification.shown.length = 0;
  FakeNotification.instances.length = 0;
  FakeNotification.supported = true;
  powerSaveBlocker.active.clear();
  powerSaveBlocker.started.length = 0;
  Menu.applicationMenu = null;
  dialog.openResult = { canceled: true, filePaths: [] };
  dialog.saveResult = { canceled: true, filePath: '' };
  dialog.messageBoxResponse = 0;
  dialog.calls.length = 0;
  dialog.errorBoxes.length = 0;
  shell.opened.length = 0;
  shell.shownInFolder.length = 0;
  shell.openedPaths.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  net.files.clear();
  net.fetched.length = 0;
}
