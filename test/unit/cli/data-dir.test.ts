import { describe, expect, it } from 'vitest';
import { desktopDataDir, resolveDataDir } from '../../../electron/cli/data-dir';

describe('desktopDataDir (Electron userData for productName "VOD Uploader")', () => {
  it('uses ~/.config on Linux, or XDG_CONFIG_HOME', () => {
    expect(desktopDataDir({ platform: 'linux', env: {}, homeDir: '/home/ed' })).toBe(
      '/home/ed/.config/VOD Uploader',
    );
    expect(desktopDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homeDir: '/home/ed' })).toBe(
      '/xdg/VOD Uploader',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(desktopDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/ed' })).toBe(
      '/Users/ed/Library/Application Support/VOD Uploader',
    );
  });

  it('uses %APPDATA% on Windows, with Windows separators', () => {
    expect(
      desktopDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ed\\AppData\\Roaming' },
        homeDir: 'C:\\Users\\ed',
      }),
    ).toBe('C:\\Users\\ed\\AppData\\Roaming\\VOD Uploader');
    expect(desktopDataDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\ed' })).toBe(
      'C:\\Users\\ed\\AppData\\Roaming\\VOD Uploader',
    );
  });
});

describe('resolveDataDir', () => {
  const ctx = { platform: 'linux' as const, env: { VOD_UPLOADER_DATA_DIR: '/srv/vod' }, homeDir: '/home/ed' };

  it('prefers --data-dir, then VOD_UPLOADER_DATA_DIR, then the desktop folder', () => {
    expect(resolveDataDir('/tmp/d', ctx)).toBe('/tmp/d');
    expect(resolveDataDir(undefined, ctx)).toBe('/srv/vod');
    expect(resolveDataDir(undefined, { ...ctx, env: { VOD_UPLOADER_DATA_DIR: '  ' } })).toBe(
      '/home/ed/.config/VOD Uploader',
    );
  });
});
