import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../helpers/fake-electron';
import type { DesktopEnvironment } from '../../../electron/main/start-desktop-app';
import { fakeAppServices } from './fake-app-services';
import { appRoot, mainWindow, start, tick, UPLOADING } from './start-app';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { startDesktopApp } = await import('../../../electron/main/start-desktop-app');
const { BUILD_INFO_FILE } = await import('../../../electron/main/packaging/build-info');

describe('quitting', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('when idle: shuts the services down, then exits, without asking', async () => {
    const { calls } = await start();
    fake.app.quit();
    expect(fake.app.exitCode).toBeNull();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.dialog.calls.filter((c) => c.kind === 'message')).toEqual([]);
    expect(calls.slice(-2)).toEqual(['shutdown:start', 'shutdown:done']);
  });

  it('during uploads: asks, and "Pause and Quit" leaves every job paused (resumable) before exiting', async () => {
    const { calls, jobs, setActivity } = await start();
    jobs.set('a', 'uploading');
    jobs.set('b', 'queued');
    jobs.set('c', 'done');
    setActivity(UPLOADING);
    fake.dialog.messageBoxResponse = 0;
    fake.app.quit();
    // Electron's own quit was held: nothing has exited while the question is open and shutdown runs.
    expect(fake.app.exitCode).toBeNull();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    const question = fake.dialog.calls.find((c) => c.kind === 'message')?.options as { buttons: string[] };
    expect(question.buttons).toEqual(['Pause and Quit', 'Cancel']);
    expect(calls).toContain('shutdown:done');
    expect(Object.fromEntries(jobs)).toEqual({ a: 'paused', b: 'paused', c: 'done' });
    // Tray and power-save blocker are released on the way out.
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    expect(fake.FakeTray.instances[0]?.destroyed).toBe(true);
  });

  it('during uploads: "Cancel" keeps the app running, and a later quit asks again', async () => {
    const { calls, setActivity } = await start();
    setActivity(UPLOADING);
    fake.dialog.messageBoxResponse = 1;
    fake.app.quit();
    await tick();
    await tick();
    expect(fake.app.exitCode).toBeNull();
    expect(calls).not.toContain('shutdown:start');
    fake.dialog.messageBoxResponse = 0;
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.dialog.calls.filter((c) => c.kind === 'message')).toHaveLength(2);
  });

  it('a second quit while shutting down does not shut down twice', async () => {
    const { calls } = await start();
    fake.app.quit();
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(calls.filter((c) => c === 'shutdown:start')).toHaveLength(1);
  });

  it('closing the last window quits on Windows and Linux but not on macOS', async () => {
    await start();
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    fake.resetFakeElectron();
    await start(undefined, { platform: 'darwin' });
    fake.app.emit('window-all-closed');
    await tick();
    expect(fake.app.quitCalls).toBe(0);
  });
});

describe('quitting with a shutdown that does not finish', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('a quit whose shutdown hangs still exits after the time limit (code 1), with the reason logged', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const services = fakeAppServices();
      const { root } = await start(services, { shutdownTimeLimitMs: 10_000 });
      services.setShutdown('hang');
      fake.app.quit();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(fake.app.exitCode).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.app.exitCode).toBe(1);
      // The tray and the power-save blocker are released on this way out too.
      expect(fake.FakeTray.instances[0]?.destroyed).toBe(true);
      expect(readFileSync(join(root, 'logs', 'main.log'), 'utf8')).toContain(
        'shutdown did not finish in time',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('a shutdown that throws still exits, with code 1', async () => {
    const services = fakeAppServices();
    await start(services);
    services.setShutdown('fail');
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1));
  });
});
describe('a failed start-up', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('a throw during window creation shows the error, shuts the services down and exits with code 1', async () => {
    fake.FakeBrowserWindow.failNextWith = new Error('GPU process isn’t usable');
    const { desktop, calls, root } = await start();
    expect(desktop).toBeNull();
    // Visible: one error box, with the cause and where the log is.
    expect(fake.dialog.errorBoxes).toHaveLength(1);
    expect(fake.dialog.errorBoxes[0]?.title).toBe('VOD Uploader could not start');
    expect(fake.dialog.errorBoxes[0]?.content).toContain('GPU process isn’t usable');
    expect(fake.dialog.errorBoxes[0]?.content).toContain(join(root, 'logs', 'main.log'));
    // Clean: the database and engine lock released, the tray and power-save blocker gone, the instance
    // lock given back, and the process exits instead of idling without a window.
    expect(calls.slice(-2)).toEqual(['shutdown:start', 'shutdown:done']);
    expect(fake.FakeTray.instances[0]?.destroyed).toBe(true);
    expect(fake.app.holdsLock).toBe(false);
    expect(fake.app.exitCode).toBe(1);
    expect(readFileSync(join(root, 'logs', 'main.log'), 'utf8')).toContain('start-up failed');
  });

  it('a service that cannot open its database ends the same way, before any tray or window exists', async () => {
    const root = appRoot();
    const result = await startDesktopApp({
      createServices: () => {
        throw new Error('The queue is in use by another VOD Uploader (pid 4242).');
      },
      appRoot: root,
      platform: 'linux',
      processHooks: false,
    });
    expect(result).toBeNull();
    expect(fake.dialog.errorBoxes[0]?.content).toContain('in use by another VOD Uploader');
    expect(fake.FakeTray.instances).toHaveLength(0);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.app.holdsLock).toBe(false);
    expect(fake.app.exitCode).toBe(1);
  });

  it('a hanging shutdown after a failed start still exits, after the time limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const services = fakeAppServices();
      services.setShutdown('hang');
      fake.FakeBrowserWindow.failNextWith = new Error('no display');
      const started = start(services, { shutdownTimeLimitMs: 10_000 });
      await vi.advanceTimersByTimeAsync(9_999);
      expect(fake.app.exitCode).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      await started;
      expect(fake.app.exitCode).toBe(1);
      expect(fake.dialog.errorBoxes[0]?.content).toContain('no display');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a package built for inspection only says why it cannot run, and touches nothing', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'vod-resources-'));
    writeFileSync(
      join(resources, BUILD_INFO_FILE),
      JSON.stringify({
        productName: 'VOD Uploader',
        version: '0.1.0',
        runnable: false,
        notRunnable: ['better-sqlite3 was not built for Electron (VOD_UPLOADER_SKIP_REBUILD=1).'],
        updateFeed: null,
      }),
    );
    fake.app.isPackaged = true;
    let created = false;
    const result = await startDesktopApp({
      createServices: () => {
        created = true;
        return fakeAppServices().services;
      },
      appRoot: appRoot(),
      resourcesPath: resources,
      platform: 'linux',
      processHooks: false,
    });
    expect(result).toBeNull();
    expect(created).toBe(false);
    expect(fake.dialog.errorBoxes[0]?.content).toContain('packaged for inspection only');
    expect(fake.dialog.errorBoxes[0]?.content).toContain('VOD_UPLOADER_SKIP_REBUILD=1');
    expect(fake.app.exitCode).toBe(1);
  });
});

describe('sandbox', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('logs a warning when started without Chromium’s sandbox (the AppImage fallback), and only then', async () => {
    const { root } = await start();
    const log = join(root, 'logs', 'main.log');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toContain('sandbox is off');
    fake.resetFakeElectron();
    fake.app.commandLine.switches.add('no-sandbox');
    const again = await start();
    expect(readFileSync(join(again.root, 'logs', 'main.log'), 'utf8')).toContain('Chromium sandbox is off');
  });
});

describe('data folder', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('VOD_UPLOADER_DATA_DIR (the CLI’s variable) moves userData before the single-instance lock is taken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vod-data-'));
    let lockedWith: string | undefined;
    const request = fake.app.requestSingleInstanceLock.bind(fake.app);
    fake.app.requestSingleInstanceLock = () => {
      lockedWith = fake.app.getPath('userData');
      return request();
    };
    try {
      const { env } = await start(undefined, { env: { VOD_UPLOADER_DATA_DIR: dir } });
      expect((env as DesktopEnvironment).dataDir).toBe(dir);
      expect(lockedWith).toBe(dir);
    } finally {
      fake.app.requestSingleInstanceLock = request;
    }
  });
});

describe('tray and notifications', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  /** Width and height from a PNG's IHDR chunk. */
  const pngSize = (dataUrl: string) => {
    const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };

  it('the tray icon has a 16 px image for 1x screens and a 32 px one for 2x, a template on macOS only', async () => {
    await start(undefined, { platform: 'darwin' });
    const image = fake.FakeTray.instances[0]?.image as fake.FakeNativeImage;
    expect(image.representations.map((r) => [r.scaleFactor, ...pngSize(r.dataURL ?? '')])).toEqual([
      [1, 16, 16],
      [2, 32, 32],
    ]);
    expect(image.template).toBe(true);
    fake.resetFakeElectron();
    await start();
    expect((fake.FakeTray.instances[0]?.image as fake.FakeNativeImage).template).toBe(false);
  });

  it('keeps a notification referenced until it is clicked or dismissed, and a click shows the window', async () => {
    const { emitEngineEvent, desktop } = await start();
    const presenter = desktop!.presenter;
    let n = 0;
    const batch = () => {
      const jobId = `job-${++n}`;
      emitEngineEvent({ type: 'job-started', jobId, resumedFrom: 0 });
      emitEngineEvent({ type: 'job-settled', jobId, status: { state: 'done', mediaId: `M${n}` } });
      emitEngineEvent({ type: 'idle' });
    };
    batch();
    const [first] = fake.FakeNotification.instances;
    expect(presenter.clickableNotifications).toBe(1);
    first?.emit('click', new fake.FakeEvent());
    expect(presenter.clickableNotifications).toBe(0);
    expect(mainWindow().focusCount).toBe(1);

    batch();
    const second = fake.FakeNotification.instances[1];
    // Timed out: it still sits in the notification centre and can be clicked there.
    second?.emit('close', { reason: 'timedOut' });
    expect(presenter.clickableNotifications).toBe(1);
    second?.emit('close', { reason: 'userCanceled' });
    expect(presenter.clickableNotifications).toBe(0);

    for (let i = 0; i < 20; i++) batch();
    expect(presenter.clickableNotifications).toBe(8);
  });
});
