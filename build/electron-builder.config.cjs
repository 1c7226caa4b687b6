// electron-builder configuration (`npm run dist`; `npm run dist -- --linux dir` for an unpacked Linux app).
// See docs/desktop.md for what each step needs, what it downloads, and how to package without internet access
// (VOD_UPLOADER_ELECTRON_DIST, VOD_UPLOADER_SKIP_REBUILD: build/packaging-env.cjs).
const { afterPack, UPDATE_FEED_ENV } = require('./after-pack.cjs');
const { beforePack } = require('./before-pack.cjs');
const { packagingEnv } = require('./packaging-env.cjs');

/** Must equal APP_ID in electron/main/start-desktop-app.ts (Windows notifications use it). */
const APP_ID = 'com.vod-uploader.desktop';

const { electronDist } = packagingEnv();

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: APP_ID,
  // Also package.json's productName, which names the data folder at run time (electron/cli/data-dir.ts).
  productName: 'VOD Uploader',
  executableName: 'vod-uploader',
  copyright: 'Copyright © VOD Uploader contributors',
  directories: { output: 'release', buildResources: 'build' },
  icon: 'build/icons/icon.png',
  ...(electronDist === null ? {} : { electronDist }),
  // The main bundle keeps npm packages external (build/build.mjs), so electron-builder collects the production
  // dependencies into app.asar; what Vite bundled into the renderer and better-sqlite3's Node build stay out.
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    '!**/*.map',
    '!node_modules/{react,react-dom,scheduler,zustand,@tanstack,@types}/**',
    // The Node-ABI addon and its C sources: the app loads the Electron build from resources/native.
    '!node_modules/better-sqlite3/{build,deps,src}/**',
  ],
  // better-sqlite3's Electron build and the native CRC-64 addon (build/before-pack.cjs puts both there).
  extraResources: [
    { from: 'out/native/${os}-${arch}/', to: 'native', filter: ['better_sqlite3.node', 'crc64.node'] },
  ],
  asar: true,
  // A native addon cannot be loaded from inside an archive; should a dependency ever bring one, it is
  // unpacked next to app.asar (the packaging test checks app.asar holds none).
  asarUnpack: ['**/*.node'],
  // Off: it would rebuild better-sqlite3 in place in node_modules (see build/before-pack.cjs).
  npmRebuild: false,
  beforePack,
  afterPack,
  // Update metadata (latest*.yml, blockmaps) is written next to the installers; upload release/ to the feed
  // folder yourself. The URL baked into app-update.yml is the build-time VOD_UPLOADER_UPDATE_URL, or a
  // placeholder that is never contacted: the app only checks for updates when it knows a real feed.
  publish: [
    {
      provider: 'generic',
      url: process.env[UPDATE_FEED_ENV]?.trim() || 'https://updates.invalid/vod-uploader/',
    },
  ],
  mac: {
    // zip: what electron-updater installs on macOS (it cannot update from a dmg).
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
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
    // The deb first: it installs an AppArmor profile that lets Chromium's sandbox work on Ubuntu 24.04+. The
    // AppImage cannot, so it does not start there without an extra step (docs/desktop.md).
    target: ['deb', 'AppImage'],
    category: 'AudioVideo',
    maintainer: 'VOD Uploader maintainers <vod-uploader@users.noreply.github.com>',
    synopsis: 'Upload folders of video to Alibaba Cloud ApsaraVideo VOD',
  },
  // electron-builder's default desktop entry starts the AppImage with --no-sandbox everywhere; without it the
  // renderer keeps Chromium's sandbox wherever the system allows one (its launcher still falls back to
  // --no-sandbox where user namespaces are unavailable: docs/desktop.md).
  appImage: { executableArgs: [] },
};

module.exports = config;
