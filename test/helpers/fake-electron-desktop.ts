import { EventEmitter } from 'node:events';

/** The desktop-shell half of the fake 'electron' module (fake-electron.ts re-exports it): menus, tray, dialogs. */

export interface FakeMenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: (...args: unknown[]) => unknown;
  submenu?: FakeMenuItemOptions[];
}
export class FakeMenu {
  public constructor(public readonly template: FakeMenuItemOptions[]) {}
  /** Depth-first search by label, so tests can "click" a menu item. */
  public find(label: string): FakeMenuItemOptions | undefined {
    const walk = (items: FakeMenuItemOptions[]): FakeMenuItemOptions | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.template);
  }
}
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate(template: FakeMenuItemOptions[]) {
    return new FakeMenu(template);
  },
  setApplicationMenu(menu: FakeMenu | null) {
    Menu.applicationMenu = menu;
  },
};

export class FakeTray extends EventEmitter {
  public static readonly instances: FakeTray[] = [];
  public toolTip = '';
  public contextMenu: FakeMenu | null = null;
  public destroyed = false;
  public constructor(public readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  public setToolTip(text: string) {
    this.toolTip = text;
  }
  public setContextMenu(menu: FakeMenu | null) {
    this.contextMenu = menu;
  }
  public isDestroyed() {
    return this.destroyed;
  }
  public destroy() {
    this.destroyed = true;
  }
}
export { FakeTray as Tray };

export class FakeNativeImage {
  public readonly representations: Array<{ scaleFactor: number; dataURL?: string }> = [];
  public template = false;
  public constructor(public readonly dataUrl = '') {}
  public addRepresentation(options: { scaleFactor: number; dataURL?: string }) {
    this.representations.push(options);
  }
  public setTemplateImage(on: boolean) {
    this.template = on;
  }
}
export const nativeImage = {
  createFromDataURL(url: string) {
    return new FakeNativeImage(url);
  },
  createEmpty() {
    return new FakeNativeImage();
  },
};

export class FakeNotification extends EventEmitter {
  public static supported = true;
  public static readonly shown: Array<{ title: string; body: string }> = [];
  public static readonly instances: FakeNotification[] = [];
  public static isSupported() {
    return FakeNotification.supported;
  }
  public constructor(public readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  public show() {
    FakeNotification.shown.push({ title: this.options.title, body: this.options.body });
  }
}
export { FakeNotification as Notification };

class FakePowerSaveBlocker {
  private nextId = 1;
  public readonly active = new Map<number, string>();
  public readonly started: string[] = [];
  public start(type: string) {
    const id = this.nextId++;
    this.active.set(id, type);
    this.started.push(type);
    return id;
  }
  public stop(id: number) {
    return this.active.delete(id);
  }
  public isStarted(id: number) {
    return this.active.has(id);
  }
}
export const powerSaveBlocker = new FakePowerSaveBlocker();

export const dialog = {
  /** What the next open dialog answers. */
  openResult: { canceled: true, filePaths: [] as string[] },
  saveResult: { canceled: true, filePath: '' },
  /** Index of the button the next message box "clicks". */
  messageBoxResponse: 0,
  calls: [] as Array<{ kind: string; options: unknown }>,
  showOpenDialog(...args: unknown[]) {
    dialog.calls.push({ kind: 'open', options: args[args.length - 1] });
    return Promise.resolve(dialog.openResult);
  },
  showSaveDialog(...args: unknown[]) {
    dialog.calls.push({ kind: 'save', options: args[args.length - 1] });
    return Promise.resolve(dialog.saveResult);
  },
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    dialog.errorBoxes.push({ title, content });
  },
  showMessageBox(...args: unknown[]) {
    dialog.calls.push({ kind: 'message', options: args[args.length - 1] });
    return Promise.resolve({ response: dialog.messageBoxResponse, checkboxChecked: false });
  },
};

export const shell = {
  opened: [] as string[],
  shownInFolder: [] as string[],
  openedPaths: [] as string[],
  openPath(path: string) {
    shell.openedPaths.push(path);
    return Promise.resolve('');
  },
  openExternal(url: string) {
    shell.opened.push(url);
    return Promise.resolve();
  },
  showItemInFolder(path: string) {
    shell.shownInFolder.push(path);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    protocol.handlers.set(scheme, handler);
  },
};

export const net = {
  /** file:// URLs fetched by protocol handlers; answered from `files` when present, 404 otherwise. */
  files: new Map<string, string>(),
  fetched: [] as string[],
  fetch(url: string) {
    net.fetched.push(url);
    const body = net.files.get(url);
    return Promise.resolve(
      body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 }),
    );
  },
};
