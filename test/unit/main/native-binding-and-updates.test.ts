import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nullLogger } from '../../../electron/core/log/logger';
import { sqliteNativeBindingPath } from '../../../electron/main/native-binding';
import { setupAutoUpdates, type Updater } from '../../../electron/main/updates';

const root = resolve(import.meta.dirname, '../../..');

describe('sqliteNativeBindingPath', () => {
  it('agrees with where build/rebuild-native.mjs writes the Electron build', async () => {
    for (const [platform, arch] of [
      ['linux', 'x64'],
      ['darwin', 'arm64'],
      ['win32', 'x64'],
    ] as const) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['build/rebuild-native.mjs', '--print-path', '--platform', platform, '--arch', arch],
        { cwd: root },
      );
      const context = { isPackaged: false, appPath: root, resourcesPath: '/r', platform, arch };
      expect(sqliteNativeBindingPath(context)).toBe(stdout.trim());
    }
  });

  it('uses resources/native in a packaged app (where electron-builder extraResources puts it)', () => {
    const context = { isPackaged: true, appPath: '/x', resourcesPath: '/Apps/VOD.app/Contents/Resources' };
    expect(sqliteNativeBindingPath({ ...context, platform: 'darwin', arch: 'arm64' })).toBe(
      '/Apps/VOD.app/Contents/Resources/native/better_sqlite3.node',
    );
  });
});

describe('setupAutoUpdates', () => {
  function fakeUpdater() {
    const calls: unknown[] = [];
    const updater: Updater = {
      autoDownload: false,
      setFeedURL: (options) => void calls.push(options),
      checkForUpdatesAndNotify: () => {
        calls.push('check');
        return Promise.resolve(null);
      },
    };
    let loaded = 0;
    const loadUpdater = () => {
      loaded += 1;
      return Promise.resolve(updater);
    };
    return { calls, loadUpdater, loaded: () => loaded, updater };
  }

  it('does nothing (does not even load electron-updater) without a feed, in development, or over http', async () => {
    const f = fakeUpdater();
    const base = { log: nullLogger, loadUpdater: f.loadUpdater };
    expect(await setupAutoUpdates({ ...base, feedUrl: undefined, isPackaged: true })).toBe('off:no-feed');
    expect(await setupAutoUpdates({ ...base, feedUrl: ' ', isPackaged: true })).toBe('off:no-feed');
    expect(await setupAutoUpdates({ ...base, feedUrl: 'https://u.example/', isPackaged: false })).toBe(
      'off:development',
    );
    expect(await setupAutoUpdates({ ...base, feedUrl: 'http://u.example/', isPackaged: true })).toBe(
      'off:insecure-feed',
    );
    expect(f.loaded()).toBe(0);
  });

  it('with an https feed in a packaged app, points electron-updater at it and checks', async () => {
    const f = fakeUpdater();
    const state = await setupAutoUpdates({
      feedUrl: 'https://updates.example.com/vod/',
      isPackaged: true,
      log: nullLogger,
      loadUpdater: f.loadUpdater,
    });
    expect(state).toBe('on');
    expect(f.calls).toEqual([{ provider: 'generic', url: 'https://updates.example.com/vod/' }, 'check']);
    expect(f.updater.autoDownload).toBe(true);
  });
});
