// electron-builder configuration (`npm run dist`, `npm run dist -- --dir` for an unpacked app).
// See docs/desktop.md for what each step needs and what it downloads.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Arch } = require('builder-util');

/** Must equal APP_ID in electron/main/start-desktop-app.ts (Windows notifications use it). */
const APP_ID = 'com.vod-uploader.desktop';

/**
 * better-sqlite3 for Electron's ABI. electron-builder's own rebuild (npmRebuild) compiles the addon in the
 * project's node_modules, which would leave `npm test` (plain Node) with an addon it cannot load. So this hook
 * builds it into out/native/<os>-<arch>/ instead (build/rebuild-native.mjs, the same step `npm start` uses)
 * and returns false, which tells electron-builder to skip its in-place install/rebuild; extraResources below
 * ships the result, and the app loads it with better-sqlite3's nativeBinding option.
 */
async function beforeBuild(context) {
  const platform = context.platform.nodeName;
  if (platform !== process.platform) {
    throw new Error(
      `better-sqlite3 cannot be cross-compiled: build the ${platform} installer on ${platform} (this is ${process.platform}).`,
    );
  }
  const { rebuildNative, explainFailure } = await import('./rebuild-native.mjs');
  try {
    await rebuildNative({ platform, arch: context.arch });
  } catch (e) {
    throw new Error(explainFailure(e));
  }
  return false;
}

/**
 * electron-builder downloads the Electron runtime (from github.com, cached by @electron/get) right after
 * this hook. Where that host is unreachable the download fails with a bare "getaddrinfo ENOTFOUND"; say why
 * beforehand, so the log explains the failure that follows.
 */
function beforePack(context) {
  const version = context.packager.config.electronVersion ?? require('electron/package.json').version;
  const zip = `electron-v${version}-${context.electronPlatformName}-${Arch[context.arch]}.zip`;
  const cacheRoot =
    process.env.electron_config_cache ??
    (process.platform === 'darwin'
      ? path.join(os.homedir(), 'Library', 'Caches', 'electron')
      : process.platform === 'win32'
        ? path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'electron', 'Cache')
        : path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron'));
  const cached = [cacheRoot, ...safeList(cacheRoot).map((d) => path.join(cacheRoot, d))].some((dir) =>
    fs.existsSync(path.join(dir, zip)),
  );
  if (!cached) {
    console.log(
      `  • note: ${zip} is not in the cache (${cacheRoot}); the next step downloads it from github.com.\n` +
        '          If this machine cannot reach github.com, packaging stops there (getaddrinfo ENOTFOUND github.com).',
    );
  }
}

function safeList(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: APP_ID,
  productName: 'VOD Uploader',
  executableName: 'vod-uploader',
  copyright: 'Copyright © VOD Uploader contributors',
  directories: { output: 'release', buildResources: 'build' },
  icon: 'build/icons/icon.png',
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    '!out/**/*.map',
    // Bundled into the renderer by Vite: not needed at run time.
    '!node_modules/{react,react-dom,scheduler,zustand,@tanstack}/**',
    // The Node-ABI addon and its C sources: the app loads the Electron build from resources/native.
    '!node_modules/better-sqlite3/{build,deps,src}/**',
  ],
  extraResources: [{ from: 'out/native/${os}-${arch}/', to: 'native', filter: ['better_sqlite3.node'] }],
  asar: true,
  npmRebuild: true,
  beforeBuild,
  beforePack,
  afterPack: path.join(__dirname, 'after-pack-fuses.cjs'),
  // No update feed is published by default; see electron/main/updates.ts (VOD_UPLOADER_UPDATE_URL).
  publish: null,
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.video',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { sign: false },
  win: { target: [{ target: 'nsis', arch: ['x64'] }] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'AudioVideo',
    maintainer: 'VOD Uploader maintainers <vod-uploader@users.noreply.github.com>',
    synopsis: 'Upload folders of video to Alibaba Cloud ApsaraVideo VOD',
  },
};

module.exports = config;
