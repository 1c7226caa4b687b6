import { join, resolve } from 'node:path';
import { app, type BrowserWindow, dialog, Menu, session, shell } from 'electron';
import type { AppServices, DesktopHooks } from '../core/app/app-services';
import { createDispatcher, type ContractHandlers } from '../core/ipc/dispatcher';
import type { Logger } from '../core/log/logger';
import { Redactor } from '../core/log/redactor';
import type { ProxyResolver } from '../core/net/proxy-resolver';
import { ActivityPresenter } from './activity/activity-presenter';
import { AppTray } from './activity/app-tray';
import { appMenuTemplate } from './desktop/app-menu';
import { mainTextFor, type MainText } from './i18n/main-text';
import { createDesktopHooks } from './desktop/desktop-hooks';
import { pathsFromArgv } from './desktop/open-paths';
import { type AppCommand, RendererInbox } from './desktop/renderer-inbox';
import { exportDiagnostics } from './diagnostics/export-diagnostics';
import { createSenderCheck, registerInvokeHandlers, sendEvent } from './ipc/gateway';
import { installQuitGuard } from './lifecycle/quit-guard';
import { SHUTDOWN_TIME_LIMIT_MS } from './lifecycle/shutdown';
import { failStartup, type StartupState } from './lifecycle/startup-failure';
import { createAppLogger, MAIN_LOG_FILE } from './logging';
import { requireSqliteNativeBinding } from './native-binding';
import { systemProxyResolver } from './net/system-proxy';
import { assertRunnable, readBuildInfo } from './packaging/build-info';
import { APP_INDEX_URL, APP_URL_PREFIX, handleAppProtocol, registerAppScheme } from './security/app-protocol';
import { hardenSession, installWebContentsGuards } from './security/harden';
import { setupAutoUpdates, UPDATE_FEED_ENV } from './updates';
import { createMainWindow } from './window/main-window';

/** Must equal `appId` in build/electron-builder.config.cjs. */
export const APP_ID = 'com.vod-uploader.desktop';

/** Same variable as the CLI's: points the app at another data folder (and so another queue and lock). */
export const DATA_DIR_ENV = 'VOD_UPLOADER_DATA_DIR';

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
  /** process.resourcesPath in the app (build-info.json, the native addon); tests pass their own. */
  readonly resourcesPath?: string;
  readonly argv?: readonly string[];
  readonly cwd?: string;
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Listen for SIGINT / SIGTERM and unhandled rejections (off in unit tests, which start many apps). */
  readonly processHooks?: boolean;
  /** How long a quit or a failed start waits for services.shutdown() (SHUTDOWN_TIME_LIMIT_MS). */
  readonly shutdownTimeLimitMs?: number;
}

export interface DesktopApp {
  readonly services: AppServices;
  readonly presenter: ActivityPresenter;
  window(): BrowserWindow | null;
}

/**
 * The Electron shell's wiring: single-instance lock, hardened sessions and windows, the contract's IPC
 * handlers, menus, tray, power-save, progress, notifications and the quit guard, around services it is given.
 * Resolves to null when another instance already runs (this one then quits after handing over its paths), or
 * when start-up failed: the error is shown in a dialog, the services are shut down (database and locks
 * released) within the time limit, and the process exits with code 1. It never leaves a process without a
 * window behind.
 */
export async function startDesktopApp(options: StartDesktopAppOptions): Promise<DesktopApp | null> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const isDefaultApp = Boolean(process.defaultApp);
  const shutdownTimeLimitMs = options.shutdownTimeLimitMs ?? SHUTDOWN_TIME_LIMIT_MS;

  // Before the lock: Electron keys the single-instance lock on the userData folder.
  const dataDirOverride = env[DATA_DIR_ENV]?.trim();
  if (dataDirOverride) app.setPath('userData', resolve(dataDirOverride));

  // A second launch passes its argv to the first (Electron delivers it as 'second-instance') and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  // Both must happen before 'ready': privileged schemes, and the open-file event macOS sends at launch.
  registerAppScheme();
  installWebContentsGuards();
  const inbox = new RendererInbox();
  inbox.pushPaths(pathsFromArgv(options.argv ?? process.argv, options.cwd ?? process.cwd(), isDefaultApp));
  // Windows are opened only once the services and IPC handlers exist (a second launch may come sooner).
  let showWindow: () => void = () => undefined;
  app.on('open-file', (event, path) => {
    event.preventDefault();
    inbox.pushPaths([path]);
    showWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    inbox.pushPaths(pathsFromArgv(argv, workingDirectory, isDefaultApp));
    showWindow();
  });

  await app.whenReady();
  const state: StartupState = { log: null, logFile: null, services: null, presenter: null, window: null };
  try {
    return await boot(options, { platform, env, inbox, state, shutdownTimeLimitMs }, (show) => {
      showWindow = show;
    });
  } catch (e) {
    await failStartup(e, state, shutdownTimeLimitMs);
    return null;
  }
}

interface BootContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly inbox: RendererInbox;
  /** What exists so far, for failStartup to take down. */
  readonly state: StartupState;
  readonly shutdownTimeLimitMs: number;
}

async function boot(
  options: StartDesktopAppOptions,
  { platform, env, inbox, state, shutdownTimeLimitMs }: BootContext,
  onWindowsReady: (showWindow: () => void) => void,
): Promise<DesktopApp> {
  const isMac = platform === 'darwin';
  const redactor = new Redactor();
  const logsDir = app.getPath('logs');
  const log = createAppLogger(logsDir, redactor);
  state.log = log;
  state.logFile = join(logsDir, MAIN_LOG_FILE);
  const processHooks = options.processHooks ?? true;
  if (processHooks) {
    process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }));
  }

  const resourcesPath = options.resourcesPath ?? process.resourcesPath;
  const buildInfo = app.isPackaged ? readBuildInfo(resourcesPath) : null;
  assertRunnable(buildInfo);
  // electron-builder's AppImage launcher adds this where user namespaces are unavailable (Ubuntu 24.04+ without
  // an AppArmor profile, docs/desktop.md): the app runs, but its untrusted renderer has no OS sandbox.
  if (app.commandLine.hasSwitch('no-sandbox')) {
    log.warn(
      'Chromium sandbox is off (--no-sandbox): install the deb, or give the AppImage an AppArmor profile',
    );
  }

  // Windows shows notifications only for an app with a user model id (the installer's appId).
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  const appRoot = options.appRoot ?? app.getAppPath();
  hardenSession(session.defaultSession);
  handleAppProtocol(join(appRoot, 'out', 'renderer'));

  let win: BrowserWindow | null = null;
  const services = await options.createServices({
    dataDir: app.getPath('userData'),
    logsDir,
    logger: log,
    redactor,
    desktop: createDesktopHooks(() => win),
    resolveProxy: systemProxyResolver(session.defaultSession),
    sqliteNativeBinding: requireSqliteNativeBinding({
      isPackaged: app.isPackaged,
      appPath: appRoot,
      resourcesPath,
      platform,
      arch: process.arch,
    }),
  });
  state.services = services;

  const settings = await services.handlers['settings:get']({});
  const systemLanguages = () => app.getPreferredSystemLanguages();
  let text: MainText = mainTextFor(settings.language, systemLanguages());
  const tray = new AppTray(
    {
      pauseAll: () => void services.pauseAll(),
      resumeAll: () => void services.resumeAll(),
      show: () => showWindow(),
      quit: () => app.quit(),
    },
    isMac,
    text,
  );
  const presenter = new ActivityPresenter(
    () => win,
    tray,
    settings,
    () => showWindow(),
    text,
  );
  state.presenter = presenter;

  const handlers: ContractHandlers = {
    ...services.handlers,
    // A settings change reaches the presenter as soon as the service has accepted it.
    'settings:set': async (request) => {
      const updated = await services.handlers['settings:set'](request);
      presenter.updateSettings(updated);
      const spoken = mainTextFor(updated.language, systemLanguages());
      if (spoken !== text) {
        text = spoken;
        presenter.setText(text);
        setMenu();
      }
      return updated;
    },
    // Only the app window's main frame gets here (the sender check), so it is the one that subscribed.
    'app:pending-paths': () => ({ paths: win ? inbox.connect(win.webContents) : [] }),
  };
  registerInvokeHandlers(
    createDispatcher(handlers, (e) => log.error('IPC handler failed', { error: e })),
    createSenderCheck(() => win?.webContents ?? null, APP_URL_PREFIX),
  );
  services.onSnapshot((snapshot) => {
    if (win) sendEvent(win.webContents, 'queue:snapshot', snapshot);
  });
  services.onWatchChange((folders) => {
    if (win) sendEvent(win.webContents, 'watch:changed', { folders });
  });
  services.onActivity((activity) => presenter.present(activity));
  services.onEngineEvent((event) => presenter.onEngineEvent(event));
  presenter.present(services.activity());

  const sendCommand = (command: AppCommand) => {
    showWindow();
    inbox.pushCommand(command);
  };
  const menuActions = {
    addFiles: () => sendCommand('add-files'),
    addFolder: () => sendCommand('add-folder'),
    addLinks: () => sendCommand('add-links'),
    pauseAll: () => void services.pauseAll(),
    resumeAll: () => void services.resumeAll(),
    exportDiagnostics: () => {
      exportDiagnostics({ services, redactor, logsDir, window: win }).catch((e: unknown) => {
        log.error('diagnostics export failed', { error: e });
        dialog.showErrorBox(text.dialog.exportFailed, e instanceof Error ? e.message : String(e));
      });
    },
    showLogs: () => void shell.openPath(logsDir),
  };
  function setMenu() {
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(isMac, menuActions, text.menu)));
  }
  setMenu();

  const guard = installQuitGuard({
    services,
    log,
    shutdownTimeLimitMs,
    confirmQuitWhileBusy: async () => {
      const box = {
        type: 'question' as const,
        buttons: [text.dialog.pauseAndQuit, text.dialog.cancel],
        defaultId: 0,
        cancelId: 1,
        message: text.dialog.quitBusyMessage,
        detail: text.dialog.quitBusyDetail,
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
    // Until the renderer says it has subscribed ('app:pending-paths'), paths and commands are held.
    created.webContents.on('did-start-loading', () => inbox.disconnect());
    created.on('closed', () => {
      inbox.disconnect();
      if (win === created) win = null;
      if (state.window === created) state.window = null;
    });
    win = created;
    state.window = created;
    return created;
  }

  function showWindow() {
    const target = win ?? createWindow();
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  }

  createWindow();
  onWindowsReady(showWindow);
  app.on('activate', () => showWindow());
  // Closing the last window quits on Windows and Linux (through the quit guard); macOS apps stay open.
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  const feedUrl = env[UPDATE_FEED_ENV]?.trim() || buildInfo?.updateFeed || undefined;
  // In the background: the app is usable while the update check runs, and a failed check only gets logged.
  void setupAutoUpdates({ feedUrl, isPackaged: app.isPackaged, log }).then(
    (updates) => log.info('auto-update', { state: updates }),
    (e: unknown) =>
      log.warn('auto-update setup failed', { error: e instanceof Error ? e.message : String(e) }),
  );

  return { services, presenter, window: () => win };
}
