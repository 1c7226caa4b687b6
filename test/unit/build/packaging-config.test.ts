import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { PRODUCT_NAME } from '../../../electron/cli/data-dir';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { APP_ID } = await import('../../../electron/main/start-desktop-app');
const { BUILD_INFO_FILE } = await import('../../../electron/main/packaging/build-info');

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../../..');
const config = require('../../../build/electron-builder.config.cjs') as Record<string, any>;
const fuses = require('../../../build/fuses.cjs') as {
  FUSE_DECISIONS: Array<[number, boolean]>;
  flipElectronFuses(binary: string): Promise<{ flipped: boolean; count?: number; reason?: string }>;
};
const packagingEnv = require('../../../build/packaging-env.cjs') as {
  BUILD_INFO_FILE: string;
  packagingEnv(env: Record<string, string>): { electronDist: string | null; skipRebuild: boolean };
};
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A file laid out like an Electron binary around its fuse wire: bytes, sentinel, version, length, wire. */
function fakeBinary(fuseCount: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'vod-fuses-')), 'electron');
  const wire = Buffer.alloc(fuseCount, 0x31);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(4096, 7),
      Buffer.from(SENTINEL),
      Buffer.from([1, fuseCount]),
      wire,
      Buffer.alloc(64),
    ]),
  );
  return file;
}

describe('electron-builder configuration', () => {
  it('names the app "VOD Uploader" everywhere: installer, package.json (run-time name) and the CLI data folder', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('VOD Uploader');
    expect(packageJson.productName).toBe(config.productName);
    expect(PRODUCT_NAME).toBe(config.productName);
  });

  it('ships the deb first on Linux, a zip beside the dmg on macOS, and NSIS on Windows', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.appImage.executableArgs).toEqual([]);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.win.target[0].target).toBe('nsis');
  });

  it('writes update metadata: a generic feed, so latest*.yml and blockmaps are produced', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\//) }]);
  });

  it('lets electron-builder collect dependencies, without rebuilding them in node_modules', () => {
    // beforeBuild returning false made electron-builder 26 skip collecting node_modules altogether.
    expect(config.beforeBuild).toBeUndefined();
    expect(config.npmRebuild).toBe(false);
    expect(typeof config.beforePack).toBe('function');
    expect(typeof config.afterPack).toBe('function');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('ships the Electron build of better-sqlite3 where the app looks for it', () => {
    expect(config.extraResources).toEqual([
      { from: 'out/native/${os}-${arch}/', to: 'native', filter: ['better_sqlite3.node', 'crc64.node'] },
    ]);
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it('declares what the build scripts and the main process import directly', () => {
    expect(packageJson.devDependencies['@electron/rebuild']).toBeDefined();
    expect(packageJson.devDependencies['@electron/asar']).toBeDefined();
    expect(packageJson.dependencies['@alicloud/openapi-core']).toBeDefined();
  });
});

describe('packaging switches', () => {
  it('reads VOD_UPLOADER_ELECTRON_DIST and VOD_UPLOADER_SKIP_REBUILD, and refuses wrong values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vod-dist-'));
    expect(packagingEnv.packagingEnv({})).toEqual({ electronDist: null, skipRebuild: false });
    expect(
      packagingEnv.packagingEnv({ VOD_UPLOADER_ELECTRON_DIST: dir, VOD_UPLOADER_SKIP_REBUILD: '1' }),
    ).toEqual({ electronDist: dir, skipRebuild: true });
    expect(() => packagingEnv.packagingEnv({ VOD_UPLOADER_SKIP_REBUILD: 'yes' })).toThrow(/must be 1/);
    expect(() => packagingEnv.packagingEnv({ VOD_UPLOADER_ELECTRON_DIST: join(dir, 'nope') })).toThrow(
      /not a folder/,
    );
  });

  it('names the build record as the main process reads it', () => {
    expect(packagingEnv.BUILD_INFO_FILE).toBe(BUILD_INFO_FILE);
  });
});

describe('fuses', () => {
  it('decides every fuse @electron/fuses knows, in wire order, including WasmTrapHandlers', () => {
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    expect(fuses.FUSE_DECISIONS.map(([fuse]) => fuse)).toEqual(known);
    expect(known).toContain(FuseV1Options.WasmTrapHandlers);
    const decided = Object.fromEntries(fuses.FUSE_DECISIONS);
    expect(decided[FuseV1Options.RunAsNode]).toBe(false);
    expect(decided[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(decided[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(decided[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(decided[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(decided[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('sets all 9 fuses of a current Electron binary explicitly', async () => {
    const binary = fakeBinary(9);
    expect(await fuses.flipElectronFuses(binary)).toEqual({ flipped: true, count: 9 });
    const wire = await getCurrentFuseWire(binary);
    for (const [fuse, on] of fuses.FUSE_DECISIONS) {
      expect(wire[fuse as FuseV1Options]).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });

  it('refuses a binary with a fuse nobody decided, saying what to do', async () => {
    await expect(fuses.flipElectronFuses(fakeBinary(10))).rejects.toThrow(/has 10 fuses.*decides 9/);
  });

  it('leaves a stub Electron (no fuse wire) alone and says so', async () => {
    const stub = join(mkdtempSync(join(tmpdir(), 'vod-stub-')), 'electron');
    writeFileSync(stub, '#!/bin/sh\nexit 1\n');
    const result = await fuses.flipElectronFuses(stub);
    expect(result.flipped).toBe(false);
    expect(result.reason).toContain('not a real Electron binary');
    expect(readFileSync(stub, 'utf8')).toBe('#!/bin/sh\nexit 1\n');
  });
});
