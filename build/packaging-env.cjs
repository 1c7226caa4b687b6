// The two environment switches of `npm run dist` (docs/desktop.md, "Packaging without internet access"):
//
//   VOD_UPLOADER_ELECTRON_DIST=<dir>  an unpacked Electron distribution to package instead of downloading one
//                                     (e.g. node_modules/electron/dist, or the stub the packaging test makes)
//   VOD_UPLOADER_SKIP_REBUILD=1       no Electron-ABI build of better-sqlite3 (it needs Electron's headers,
//                                     downloaded from electronjs.org); the package is marked as not runnable
const fs = require('node:fs');
const path = require('node:path');

const ELECTRON_DIST_ENV = 'VOD_UPLOADER_ELECTRON_DIST';
const SKIP_REBUILD_ENV = 'VOD_UPLOADER_SKIP_REBUILD';
/** Where the packaged app's build facts go, in its resources folder (electron/main/packaging/build-info.ts). */
const BUILD_INFO_FILE = 'build-info.json';

/** Reads and checks the switches; a wrong value stops packaging at once rather than half-way. */
function packagingEnv(env = process.env) {
  const dist = (env[ELECTRON_DIST_ENV] ?? '').trim();
  const skip = (env[SKIP_REBUILD_ENV] ?? '').trim();
  if (skip !== '' && skip !== '1' && skip !== '0') {
    throw new Error(`${SKIP_REBUILD_ENV} must be 1 (skip) or 0 / unset (rebuild), not "${skip}"`);
  }
  let electronDist = null;
  if (dist !== '') {
    electronDist = path.resolve(dist);
    if (!fs.statSync(electronDist, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`${ELECTRON_DIST_ENV}=${dist}: not a folder (give an unpacked Electron distribution)`);
    }
  }
  return { electronDist, skipRebuild: skip === '1' };
}

module.exports = { BUILD_INFO_FILE, ELECTRON_DIST_ENV, SKIP_REBUILD_ENV, packagingEnv };
