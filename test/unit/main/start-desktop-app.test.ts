import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../../shared/ipc/contract';
import { IpcErrorCode } from '../../../shared/ipc/result';
import * as fake from '../../helpers/fake-electron';
import type { DesktopEnvironment } from '../../../electron/main/start-desktop-app';
import { fakeAppServices, IDLE } from './fake-app-services';
import { appRoot, mainWindow, rendererSubscribed, start, UPLOADING } from './start-app';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { startDesktopApp } = await import('../../../electron/main/start-desktop-app');

const error = { code: 'InternalError', message: 'boom' };

describe('startDesktopApp', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('registers exactly one ipcMain handler per contract channel', async () => {
    await start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers the app window through the services, and refuses any other sender', async () => {
    const { calls } = await start();
    const win = mainWindow();
    const reply = await fake.ipcMain.invoke('settings:get', win.webContents, win.webContents.mainFrame, {});
    expect(reply).toMatchObject({ ok: true, value: { preventSleep: true } });
    const stranger = new fake.FakeWebContents('app://vod-uploader/index.html');
    const refused = await fake.ipcMain.invoke('queue:pause-all', stranger, stranger.mainFrame, {});
    expect(refused).toMatchObject({ ok: false, error: { code: IpcErrorCode.ForbiddenSender } });
    expect(calls.filter((c) => c === 'queue:pause-all')).toEqual([]);
  });

  it('loads the renderer from the app scheme with the preload bundle and every hardening flag', async () => {
    const { root } = await start();
    const win = mainWindow();
    expect(win.loadedUrl).toBe('app://vod-uploader/index.html');
    expect(win.options.webPreferences).toEqual({
      preload: join(root, 'out', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    });
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } },
    ]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('a packaged build loads the addon from resources/ and closes devtools', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'vod-resources-'));
    mkdirSync(join(resources, 'native'));
    writeFileSync(join(resources, 'native', 'better_sqlite3.node'), '');
    const saved = process.resourcesPath;
    (process as { resourcesPath: string }).resourcesPath = resources;
    try {
      fake.app.isPackaged = true;
      const { env } = await start();
      expect((env as { sqliteNativeBinding: string }).sqliteNativeBinding).toBe(
        join(resources, 'native', 'better_sqlite3.node'),
      );
      expect((mainWindow().options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    } finally {
      (process as { resourcesPath: string }).resourcesPath = saved;
    }
  });

  it('a missing Electron build of the SQLite addon stops start-up with the fix in the message', async () => {
    const root = appRoot();
    const result = await startDesktopApp({
      createServices: () => fakeAppServices().services,
      appRoot: join(root, 'elsewhere'),
      platform: 'linux',
      processHooks: false,
    });
    expect(result).toBeNull();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.dialog.errorBoxes[0]?.content).toContain('npm run rebuild:native');
  });

  it('refuses navigation, redirects, webviews and window.open in the main window', async () => {
    await start();
    const contents = mainWindow().webContents;
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'app://vod-uploader/index.html')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://help.aliyun.com/zh/vod/' })).toEqual({
      action: 'deny',
    });
    // Only the allow-listed documentation link went to the system browser.
    expect(fake.shell.opened).toEqual(['https://help.aliyun.com/zh/vod/']);
  });

  it('guards web contents created later, not just the main window', async () => {
    await start();
    const other = new fake.FakeWebContents('about:blank');
    fake.app.emit('web-contents-created', new fake.FakeEvent(), other);
    expect(other.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check, and sets the CSP on app pages only', async () => {
    await start();
    const s = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const granted = await new Promise<boolean>((resolve) =>
        s.permissionRequestHandler?.(null, permission, resolve, {}),
      );
      expect(granted).toBe(false);
      expect(s.permissionCheckHandler?.(null, permission, 'app://vod-uploader', {})).toBe(false);
    }
    expect(s.devicePermissionHandler?.({})).toBe(false);

    const headersFor = (url: string) =>
      new Promise<{ responseHeaders?: Record<string, string[]> }>((resolve) =>
        s.headersListener?.(
          { url, responseHeaders: { 'content-security-policy': ['default-src *'] } },
          resolve,
        ),
      );
    const app = await headersFor('app://vod-uploader/index.html');
    expect(app.responseHeaders?.['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
    expect(app.responseHeaders?.['content-security-policy']).toBeUndefined();
    expect(await headersFor('https://example.com/')).toEqual({});
  });

  it('takes the power-save blocker while uploading and releases it when idle', async () => {
    const { setActivity, desktop } = await start();
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    setActivity(UPLOADING);
    expect([...fake.powerSaveBlocker.active.values()]).toEqual(['prevent-app-suspension']);
    setActivity({ ...UPLOADING, progress: 0.5 });
    expect(fake.powerSaveBlocker.active.size).toBe(1);
    expect(fake.powerSaveBlocker.started).toHaveLength(1);
    setActivity({ ...IDLE, paused: 1, progress: 0.5 });
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    expect(desktop!.presenter.blockingSleep).toBe(false);
  });

  it('does not block sleep when the setting is off, and follows the setting when it changes', async () => {
    const { setActivity } = await start(fakeAppServices({ preventSleep: false }));
    setActivity(UPLOADING);
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    const win = mainWindow();
    await fake.ipcMain.invoke('settings:set', win.webContents, win.webContents.mainFrame, {
      preventSleep: true,
    });
    expect(fake.powerSaveBlocker.active.size).toBe(1);
  });

  it('shows progress on the taskbar and in the tray, and hides it when idle', async () => {
    const { setActivity } = await start();
    const win = mainWindow();
    setActivity(UPLOADING);
    expect(win.progress.at(-1)).toEqual({ progress: 0.25, options: { mode: 'normal' } });
    expect(fake.FakeTray.instances[0]?.toolTip).toBe('VOD Uploader — 25% — 2 uploading, 3 waiting');
    setActivity({ ...IDLE, paused: 5, progress: 0.4 });
    expect(win.progress.at(-1)).toEqual({ progress: 0.4, options: { mode: 'paused' } });
    setActivity({ ...UPLOADING, failed: 1 });
    expect(win.progress.at(-1)).toEqual({ progress: 0.25, options: { mode: 'error' } });
    setActivity(IDLE);
    expect(win.progress.at(-1)).toEqual({ progress: -1, options: { mode: 'normal' } });
    expect(fake.FakeTray.instances[0]?.toolTip).toBe('VOD Uploader — idle');
  });

  it('tray Pause All / Resume All go to the services', async () => {
    const { calls } = await start();
    const menu = fake.FakeTray.instances[0]?.contextMenu;
    menu?.find('Pause All')?.click?.();
    menu?.find('Resume All')?.click?.();
    expect(calls).toContain('pauseAll');
    expect(calls).toContain('resumeAll');
  });

  it('notifies once when a batch finishes, and says when it needs attention', async () => {
    const { emitEngineEvent } = await start();
    emitEngineEvent({ type: 'job-started', jobId: 'a', resumedFrom: 0 });
    emitEngineEvent({ type: 'job-settled', jobId: 'a', status: { state: 'done', mediaId: 'M1' } });
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown).toEqual([
      { title: 'Uploads finished', body: 'Every file in the queue has been uploaded.' },
    ]);
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown).toHaveLength(1);
    for (const jobId of ['b', 'c']) {
      emitEngineEvent({ type: 'job-started', jobId, resumedFrom: 0 });
      emitEngineEvent({ type: 'job-settled', jobId, status: { state: 'failed', error } });
    }
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown[1]?.title).toBe('Uploads need attention');
    expect(fake.FakeNotification.shown[1]?.body).toContain('2 uploads failed');
  });

  it('counts the failures of this batch even when older failures are retried meanwhile', async () => {
    // A batch starts with two failed jobs from before; the user retries them, one fails again and a new job
    // fails too. The failed count ends where it began (2), which a count difference reads as "finished".
    const { emitEngineEvent, setActivity } = await start();
    setActivity({ ...IDLE, failed: 2 });
    setActivity({ ...UPLOADING, failed: 2 });
    for (const jobId of ['old-1', 'old-2', 'new']) emitEngineEvent({ type: 'job-queued', jobId });
    emitEngineEvent({ type: 'job-settled', jobId: 'old-1', status: { state: 'done', mediaId: 'M' } });
    emitEngineEvent({ type: 'job-settled', jobId: 'old-2', status: { state: 'failed', error } });
    emitEngineEvent({
      type: 'job-settled',
      jobId: 'new',
      status: { state: 'source-missing', reason: 'gone' },
    });
    setActivity({ ...IDLE, failed: 2, progress: 0.9 });
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown).toEqual([
      { title: 'Uploads need attention', body: '2 uploads failed. Open VOD Uploader to retry.' },
    ]);
  });

  it('does not announce a batch the user paused', async () => {
    const { emitEngineEvent } = await start();
    emitEngineEvent({ type: 'job-settled', jobId: 'a', status: { state: 'done', mediaId: 'M1' } });
    emitEngineEvent({ type: 'job-paused', jobId: 'b' });
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown).toEqual([]);
  });

  it('forwards engine snapshots to the window', async () => {
    const { emitSnapshot } = await start();
    const totals = {
      jobs: 0,
      active: 0,
      bytesTotal: 0,
      bytesDone: 0,
      speed: 0,
      etaSeconds: null,
      counts: {},
    };
    emitSnapshot({ seq: 1, full: true, totals, changed: [], removed: [] });
    expect(mainWindow().webContents.sent).toEqual([
      { channel: 'queue:snapshot', payload: { seq: 1, full: true, totals, changed: [], removed: [] } },
    ]);
  });

  it('menu commands reach the renderer once it has subscribed; Pause All goes to the services', async () => {
    const { calls } = await start();
    const menu = fake.Menu.applicationMenu!;
    const file = menu.find('File');
    expect(file?.submenu?.find((i) => i.label === 'Add Files…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(file?.submenu?.find((i) => i.label === 'Add Folder…')?.accelerator).toBe('Shift+CmdOrCtrl+O');
    menu.find('Add Files…')?.click?.();
    const contents = mainWindow().webContents;
    // Loaded is not subscribed: React subscribes in effects that may run after the load event.
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([]);
    await rendererSubscribed();
    menu.find('Add Folder…')?.click?.();
    expect(contents.sent).toEqual([
      { channel: 'app:command', payload: { command: 'add-files' } },
      { channel: 'app:command', payload: { command: 'add-folder' } },
    ]);
    menu.find('Pause All')?.click?.();
    expect(calls).toContain('pauseAll');
    expect(menu.template.map((m) => m.role ?? m.label)).toEqual([
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('on macOS the app menu comes first and File has no Quit', async () => {
    await start(undefined, { platform: 'darwin' });
    const menu = fake.Menu.applicationMenu!;
    expect(menu.template[0]?.role).toBe('appMenu');
    expect(menu.find('File')?.submenu?.some((i) => i.role === 'quit')).toBe(false);
  });

  it('a second launch focuses this window and hands over its paths', async () => {
    await start();
    const win = mainWindow();
    win.minimized = true;
    expect(await rendererSubscribed()).toEqual({ ok: true, value: { paths: [] } });
    fake.app.emit(
      'second-instance',
      new fake.FakeEvent(),
      ['/opt/VOD Uploader/vod-uploader', '--allow-file-access', 'clips/a.mp4', '/media/b.mov'],
      '/home/editor',
      {},
    );
    expect(win.minimized).toBe(false);
    expect(win.focusCount).toBe(1);
    expect(win.webContents.sent).toEqual([
      { channel: 'app:open-paths', payload: { paths: ['/home/editor/clips/a.mp4', '/media/b.mov'] } },
    ]);
  });

  it('paths from its own command line and macOS open-file wait until the renderer asks for them', async () => {
    await start(undefined, { argv: ['/usr/bin/vod-uploader', 'x.mp4'], cwd: '/data' });
    const event = new fake.FakeEvent();
    fake.app.emit('open-file', event, '/Volumes/card/y.mov');
    expect(event.defaultPrevented).toBe(true);
    const contents = mainWindow().webContents;
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([]);
    expect(await rendererSubscribed()).toEqual({
      ok: true,
      value: { paths: ['/data/x.mp4', '/Volumes/card/y.mov'] },
    });
    // Handed over once: later paths come as events, and a second ask finds nothing held.
    fake.app.emit('open-file', new fake.FakeEvent(), '/Volumes/card/z.mov');
    expect(contents.sent).toEqual([
      { channel: 'app:open-paths', payload: { paths: ['/Volumes/card/z.mov'] } },
    ]);
    expect(await rendererSubscribed()).toEqual({ ok: true, value: { paths: [] } });
  });

  it('a reloading page holds paths again until it has subscribed anew', async () => {
    await start();
    const contents = mainWindow().webContents;
    await rendererSubscribed();
    contents.emit('did-start-loading');
    fake.app.emit(
      'second-instance',
      new fake.FakeEvent(),
      ['/usr/bin/vod-uploader', '/media/c.mov'],
      '/',
      {},
    );
    expect(contents.sent).toEqual([]);
    expect(await rendererSubscribed()).toEqual({ ok: true, value: { paths: ['/media/c.mov'] } });
  });

  it('only the app window may ask for the held paths', async () => {
    await start(undefined, { argv: ['/usr/bin/vod-uploader', '/media/secret-plan.mov'] });
    const stranger = new fake.FakeWebContents('app://vod-uploader/index.html');
    const refused = await fake.ipcMain.invoke('app:pending-paths', stranger, stranger.mainFrame, {});
    expect(refused).toMatchObject({ ok: false, error: { code: IpcErrorCode.ForbiddenSender } });
    expect(await rendererSubscribed()).toEqual({ ok: true, value: { paths: ['/media/secret-plan.mov'] } });
  });

  it('a second instance without the lock quits before creating services or windows', async () => {
    fake.app.gotLock = false;
    let created = false;
    const result = await startDesktopApp({
      createServices: () => {
        created = true;
        return fakeAppServices().services;
      },
      processHooks: false,
    });
    expect(result).toBeNull();
    expect(created).toBe(false);
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('hands the services the desktop environment (dialogs, proxy, native addon, data dir)', async () => {
    const { env, root } = await start();
    const e = env as DesktopEnvironment;
    expect(e.dataDir).toBe(join(root, 'data'));
    expect(e.sqliteNativeBinding).toContain(join(root, 'out', 'native'));
    fake.session.defaultSession.proxyAnswers.set('*', 'PROXY corp-proxy:3128; DIRECT');
    expect(await e.resolveProxy('https://vod.cn-shanghai.aliyuncs.com/')).toBe('http://corp-proxy:3128');
    fake.dialog.openResult = { canceled: false, filePaths: ['/a.mp4', '/b.mp4'] };
    expect(await e.desktop.openFiles()).toEqual(['/a.mp4', '/b.mp4']);
    fake.dialog.openResult = { canceled: true, filePaths: ['/ignored'] };
    expect(await e.desktop.openFolder()).toEqual([]);
    await e.desktop.showInFolder('/a.mp4');
    expect(fake.shell.shownInFolder).toEqual(['/a.mp4']);
  });
});
