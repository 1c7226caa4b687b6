import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { FuseV1Options } from '@electron/fuses';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { APP_ID } = await import('../../../electron/main/start-desktop-app');

const require = createRequire(import.meta.url);
const config = require('../../../build/electron-builder.config.cjs') as Record<string, any>;
const { FUSES } = require('../../../build/after-pack-fuses.cjs') as { FUSES: Record<string, unknown> };

describe('electron-builder configuration', () => {
  it('names the app, builds every platform target and signs macOS with the hardened runtime', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('VOD Uploader');
    expect(config.asar).toBe(true);
    expect(config.mac.target[0].target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.win.target[0].target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('publishes nothing by default (auto-update is off until a feed is configured)', () => {
    expect(config.publish).toBeNull();
  });

  it('ships the Electron build of better-sqlite3 where the app looks for it', () => {
    expect(config.extraResources).toEqual([
      { from: 'out/native/${os}-${arch}/', to: 'native', filter: ['better_sqlite3.node'] },
    ]);
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(typeof config.beforeBuild).toBe('function');
  });

  it('flips the security fuses, every one of them decided', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const decided = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of decided) expect(typeof FUSES[fuse]).toBe('boolean');
  });
});
