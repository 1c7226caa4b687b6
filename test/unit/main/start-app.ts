import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fake from '../../helpers/fake-electron';
import { builderOs } from '../../../electron/main/native-binding';
import type { StartDesktopAppOptions } from '../../../electron/main/start-desktop-app';
import { fakeAppServices } from './fake-app-services';

/**
 * Starts the shell against the fake 'electron' (the test file must vi.mock it) and fake services, in a temp
 * folder holding the Electron-ABI addon where a development run looks for it.
 */

/** An app folder with the Electron-ABI addon in place, and the fake app's folders in a temp dir. */
export function appRoot() {
  const root = mkdtempSync(join(tmpdir(), 'vod-shell-'));
  for (const platform of ['linux', 'darwin'] as const) {
    const native = join(root, 'out', 'native', `${builderOs(platform)}-${process.arch}`);
    mkdirSync(native, { recursive: true });
    writeFileSync(join(native, 'better_sqlite3.node'), '');
  }
  fake.app.paths.set('logs', join(root, 'logs'));
  fake.app.paths.set('userData', join(root, 'data'));
  return root;
}

export async function start(
  fakeServices = fakeAppServices(),
  extra: Partial<Omit<StartDesktopAppOptions, 'createServices'>> = {},
) {
  const { startDesktopApp } = await import('../../../electron/main/start-desktop-app');
  const root = appRoot();
  let env: unknown = null;
  const desktop = await startDesktopApp({
    createServices: (e) => {
      env = e;
      return fakeServices.services;
    },
    appRoot: root,
    argv: ['/opt/VOD Uploader/vod-uploader'],
    cwd: '/home/editor',
    platform: 'linux',
    env: {},
    processHooks: false,
    ...extra,
  });
  return { desktop, env, root, ...fakeServices };
}

export function mainWindow() {
  const win = fake.BrowserWindow.instances[0];
  if (!win) throw new Error('no window was created');
  return win;
}

/** What the renderer does once it has subscribed to app events: ask for the paths main held. */
export function rendererSubscribed(win = mainWindow()) {
  return fake.ipcMain.invoke('app:pending-paths', win.webContents, win.webContents.mainFrame, {});
}

export const UPLOADING = { active: 2, queued: 3, paused: 0, failed: 0, progress: 0.25 };
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
