import { EventEmitter } from 'node:events';

/**
 * One fake 'electron' module for unit tests (Electron cannot launch on these machines). Tests install it with
 * `vi.mock('electron', () => import('../../helpers/fake-electron'))` and reset it with `resetFakeElectron()`.
 * It imitates just enough of Electron's behaviour to be strict: invoking a channel with no handler rejects,
 * as Electron does, and a second handler for one channel throws.
 */

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

export function resetFakeElectron() {
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  ipcRenderer.target = null;
  for (const key of Object.keys(exposed)) delete exposed[key];
}
