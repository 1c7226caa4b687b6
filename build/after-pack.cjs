// electron-builder afterPack hook, run on the unpacked app before it is signed and turned into installers:
// flips Electron's fuses (build/fuses.cjs), drops Electron's default app, checks that the Electron build of
// better-sqlite3 is in place, and records what was built in resources/build-info.json, which the app reads at
// start-up (a package built with VOD_UPLOADER_SKIP_REBUILD=1, or from a stub Electron, refuses to start and
// says why instead of failing somewhere inside).
const fs = require('node:fs');
const path = require('node:path');
const { Arch } = require('builder-util');
const { flipElectronFuses } = require('./fuses.cjs');
const { BUILD_INFO_FILE, ELECTRON_DIST_ENV, SKIP_REBUILD_ENV, packagingEnv } = require('./packaging-env.cjs');

/** The update feed baked in at build time (electron/main/updates.ts; the same variable overrides it at run time). */
const UPDATE_FEED_ENV = 'VOD_UPLOADER_UPDATE_URL';

/** Path of the Electron binary electron-builder produced for this platform (what the fuses live in). */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

function buildTimeUpdateFeed(env = process.env) {
  const feed = (env[UPDATE_FEED_ENV] ?? '').trim();
  if (feed === '') return null;
  if (!feed.startsWith('https://')) throw new Error(`${UPDATE_FEED_ENV} must be an https URL, not "${feed}"`);
  return feed;
}

async function afterPack(context) {
  const { electronDist, skipRebuild } = packagingEnv();
  const resources = context.packager.getResourcesDir(context.appOutDir);
  const notRunnable = [];

  // A distribution copied from node_modules/electron/dist still carries Electron's default app; with
  // OnlyLoadAppFromAsar it is never loaded, so it is dead weight.
  fs.rmSync(path.join(resources, 'default_app.asar'), { force: true });

  const binary = electronBinary(context);
  // Arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; re-sign it ad hoc here
  // (the real signature is applied afterwards when a certificate is configured).
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64;
  const fuses = await flipElectronFuses(binary, { resetAdHocDarwinSignature });
  if (fuses.flipped) {
    console.log(`  • fuses flipped     ${fuses.count} fuses in ${path.basename(binary)}`);
  } else if (electronDist !== null) {
    console.log(`  • fuses NOT flipped ${fuses.reason}; this package will be marked as not runnable`);
    notRunnable.push(`The Electron distribution (${ELECTRON_DIST_ENV}) is not a real Electron binary.`);
  } else {
    throw new Error(`The downloaded Electron has no fuse wire: ${fuses.reason}`);
  }

  const addon = path.join(resources, 'native', 'better_sqlite3.node');
  if (skipRebuild) {
    notRunnable.push(`better-sqlite3 was not built for Electron (${SKIP_REBUILD_ENV}=1).`);
  } else if (!fs.existsSync(addon)) {
    throw new Error(`The Electron build of better-sqlite3 did not reach the package (${addon} is missing).`);
  }

  const info = {
    productName: context.packager.appInfo.productName,
    version: context.packager.appInfo.version,
    electronVersion: context.packager.config.electronVersion,
    platform: context.electronPlatformName,
    arch: Arch[context.arch],
    runnable: notRunnable.length === 0,
    notRunnable,
    fuses: fuses.flipped ? 'flipped' : 'not flipped',
    updateFeed: buildTimeUpdateFeed(),
  };
  fs.writeFileSync(path.join(resources, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

module.exports = { afterPack, electronBinary, UPDATE_FEED_ENV };
