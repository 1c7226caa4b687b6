import { join } from 'node:path';
import { app, type BrowserWindow, dialog, Menu, session, shell } from 'electron';
import type { EventPayload } from '../../shared/ipc/contract';
import type { AppServices, DesktopHooks } from '../core/app/app-services';
import { createDispatcher, type ContractHandlers } from '../core/ipc/dispatcher';
import type { Logger } from '../core/log/logger';
import { Redactor } from '../core/log/redactor';
import type { ProxyResolver } from '../core/net/proxy-resolver';
import { ActivityPresenter } from './activity/activity-presenter';
import { AppTray } from './activity/app-tray';
import { appMenuTemplate } from './desktop/app-menu';
import { createDesktopHooks } from './desktop/desktop-hooks';
import { Inbox, pathsFromArgv } from './desktop/open-paths';
import { exportDiagnostics } from './diagnostics/export-diagnostics';
import { createSenderCheck, registerInvokeHandlers, sendEvent } from './ipc/gateway';
import { installQuitGuard } from './lifecycle/quit-guard';
import { createAppLogger } from './logging';
import { requireSqliteNativeBinding } from './native-binding';
import { systemProxyResolver } from './net/system-proxy';
import { APP_INDEX_URL, APP_URL_PREFIX, handleAppProtocol, registerAppScheme } from './security/app-protocol';
import { hardenSession, installWebContentsGuards } from './security/harden';
import { setupAutoUpdates, UPDATE_FEED_ENV } from './updates';
import { createMainWindow } from './window/main-window';

/** Must equal `appId` in build/electron-builder.config.cjs. */
export const APP_ID = 'com.vod-uploader.desktop';

/** What the shell hands the composition root: where data lives and the desktop-only capabilities. */
export interface DesktopEnvironment {
  /** app.getPath('userData'): the queue database, settings and encrypted secrets live here. */
  readonly dataDir: string;
  readonly logsDir: string;
  readonly logger: Logger;
  /** The app's one redactor: register every secret loaded so logs and diagnostics mask it. */
  readonly redactor: Redactor;
  readonly desktop: DesktopHooks;
  /** The system proxy for a URL (see electron/core/net/proxy-resolver.ts). */
  readonly resolveProxy: ProxyResolver;
  /** The Electron-ABI better-sqlite3 addon, for openDatabase({ nativeBinding }). */
  readonly sqliteNativeBinding: string;
}

export interface StartDesktopAppOptions {
  createServices(env: DesktopEnvironment): Promise<AppServices> | AppServices;
  /** Where out/ lives: app.getAppPath() in the app; tests pass their own. */
  readonly appRoot?: string;
  readonly argv?: readonly string[];
  readonly cwd?: string;
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Listen for SIGINT / SIGTERM and unhandled rejections (off in unit tests, which start many apps). */
  readonly processHooks?: boolean;
}

export interface DesktopApp {
  readonly services: AppServices;
  readonly presenter: ActivityPresenter;
  window(): BrowserWindow | null;
}

type Command = EventPayload<'app:command'>['command'];

/**
 * The Electron shell's wiring: single-instance lock, hardened sessions and windows, the contract's IPC
 * handlers, menus, tray, power-save, progress, notifications and the quit guard, around services it is given.
 * Resolves to null when another instance already runs (this one then quits after handing over its paths).
 */
export async function startDesktopApp(options: StartDesktopAppOptions): Promise<DesktopApp | null> {
  const platform = options.platform ?? process.platform;
  const isMac = platform === 'darwin';
  const env = options.env ?? process.env;
  const isDefaultApp = Boolean(process.defaultApp);

  // A second launch passes its argv to the first (Electron delivers it as 'second-instance') and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  // Both must happen before 'ready': privileged schemes, and the open-file event macOS sends at launch.
  registerAppScheme();
  installWebContentsGuards();
  const openPaths = new Inbox<string[]>();
  const commands = new Inbox<Command>();
  const firstPaths = pathsFromArgv(options.argv ?? process.argv, options.cwd ?? process.cwd(), isDefaultApp);
  if (firstPaths.length > 0) openPaths.push(firstPaths);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPaths.push([path]);
    showWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = pathsFromArgv(argv, workingDirectory, isDefaultApp);
    if (paths.length > 0) openPaths.push(paths);
    showWindow();
  });

  await app.whenReady();
  // Windows shows notifications only for an app with a user model id (the installer's appId).
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  const appRoot = options.appRoot ?? app.getAppPath();
  hardenSession(session.defaultSession);
  handleAppProtocol(join(appRoot, 'out', 'renderer'));

  const redactor = new Redactor();
  const logsDir = app.getPath('logs');
  const log = createAppLogger(logsDir, redactor);
  const processHooks = options.processHooks ?? true;
  if (processHooks) {
    process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }));
  }

  let win: BrowserWindow | null = null;
  // Windows are opened only once the services and IPC handlers exist (a second launch may come sooner).
  let started = false;
  let services: AppServices;
  try {
    services = await options.createServices({
      dataDir: app.getPath('userData'),
      logsDir,
      logger: log,
      redactor,
      desktop: createDesktopHooks(() => win),
      resolveProxy: systemProxyResolver(session.defaultSession),
      sqliteNativeBinding: requireSqliteNativeBinding({
        isPackaged: app.isPackaged,
        appPath: appRoot,
        resourcesPath: process.resourcesPath,
        platform,
        arch: process.arch,
      }),
    });
  } catch (e) {
    log.error('start-up failed', { error: e });
    dialog.showErrorBox('VOD Uploader could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return null;
  }

  const settings = await services.handlers['settings:get']({});
  const tray = new AppTray(
    {
      pauseAll: () => void services.pauseAll(),
      resumeAll: () => void services.resumeAll(),
      show: () => showWindow(),
      quit: () => app.quit(),
    },
    isMac,
  );
  const presenter = new ActivityPresenter(
    () => win,
    tray,
    settings,
    () => showWindow(),
  );

  // A settings change reaches the presenter as soon as the service has accepted it.
  const handlers: ContractHandlers = {
    ...services.handlers,
    'settings:set': async (request) => {
      const updated = await services.handlers['settings:set'](request);
      presenter.updateSettings(updated);
      return updated;
    },
  };
  registerInvokeHandlers(
    createDispatcher(handlers, (e) => log.error('IPC handler failed', { error: e })),
    createSenderCheck(() => win?.webContents ?? null, APP_URL_PREFIX),
  );
  services.onSnapshot((snapshot) => {
    if (win) sendEvent(win.webContents, 'queue:snapshot', snapshot);
  });
  services.onActivity((activity) => presenter.present(activity));
  services.onEngineEvent((event) => presenter.onEngineEvent(event));
  presenter.present(services.activity());

  const sendCommand = (command: Command) => {
    showWindow();
    commands.push(command);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(isMac, {
        addFiles: () => sendCommand('add-files'),
        addFolder: () => sendCommand('add-folder'),
        pauseAll: () => void services.pauseAll(),
        resumeAll: () => void services.resumeAll(),
        exportDiagnostics: () => {
          exportDiagnostics({ services, redactor, logsDir, window: win }).catch((e: unknown) => {
            log.error('diagnostics export failed', { error: e });
            dialog.showErrorBox('Export failed', e instanceof Error ? e.message : String(e));
          });
        },
        showLogs: () => void shell.openPath(logsDir),
      }),
    ),
  );

  const guard = installQuitGuard({
    services,
    log,
    confirmQuitWhileBusy: async () => {
      const box = {
        type: 'question' as const,
        buttons: ['Pause and Quit', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
        message: 'Uploads are in progress.',
        detail:
          'They will be paused and carry on from where they stopped the next time you open VOD Uploader.',
      };
      const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
      return response === 0;
    },
    beforeExit: () => {
      presenter.dispose();
      log.close();
    },
  });
  if (processHooks) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => guard.quitWithoutAsking());
  }

  function createWindow() {
    const created = createMainWindow({
      preloadPath: join(appRoot, 'out', 'preload', 'preload.cjs'),
      url: APP_INDEX_URL,
      allowDevTools: !app.isPackaged,
    });
    // The renderer subscribes while its scripts run, so messages wait for the page to finish loading.
    created.webContents.on('did-finish-load', () => {
      openPaths.open((paths) => sendEvent(created.webContents, 'app:open-paths', { paths }));
      commands.open((command) => sendEvent(created.webContents, 'app:command', { command }));
    });
    created.webContents.on('did-start-loading', () => {
      openPaths.close();
      commands.close();
    });
    created.on('closed', () => {
      openPaths.close();
      commands.close();
      if (win === created) win = null;
    });
    win = created;
    return created;
  }

  function showWindow() {
    if (!started) return;
    const target = win ?? createWindow();
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  }

  createWindow();
  started = true;
  app.on('activate', () => showWindow());
  // Closing the last window quits on Windows and Linux (through the quit guard); macOS apps stay open.
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  void setupAutoUpdates({ feedUrl: env[UPDATE_FEED_ENV], isPackaged: app.isPackaged, log }).then((state) =>
    log.info('auto-update', { state }),
  );

  return { services, presenter, window: () => win };
}
