// electron-builder beforePack hook: the Electron-ABI build of better-sqlite3, and a note before the one
// download packaging may need (the Electron runtime).
//
// electron-builder's own rebuild (npmRebuild) would compile the addon in the project's node_modules, leaving
// `npm test` (plain Node) with an addon it cannot load, so npmRebuild is off and this hook builds it into
// out/native/<os>-<arch>/ instead (build/rebuild-native.mjs, the step `npm start` uses); extraResources ships it
// to resources/native/, where the app loads it from (electron/main/native-binding.ts).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Arch } = require('builder-util');
const { ELECTRON_DIST_ENV, SKIP_REBUILD_ENV, packagingEnv } = require('./packaging-env.cjs');

/** electron-builder's platform name ('mas' is macOS too) as Node names it. */
function nodePlatform(electronPlatformName) {
  return electronPlatformName === 'mas' ? 'darwin' : electronPlatformName;
}

async function beforePack(context) {
  const { electronDist, skipRebuild } = packagingEnv();
  const platform = nodePlatform(context.electronPlatformName);
  const arch = Arch[context.arch];
  if (skipRebuild) {
    console.log(
      `  • ${SKIP_REBUILD_ENV}=1: better-sqlite3 is NOT built for Electron; this package will be marked as not runnable`,
    );
  } else {
    if (platform !== process.platform) {
      throw new Error(
        `better-sqlite3 cannot be cross-compiled: build the ${platform} package on ${platform} (this is ${process.platform}).`,
      );
    }
    const { rebuildNative, explainFailure } = await import('./rebuild-native.mjs');
    try {
      await rebuildNative({ platform, arch });
    } catch (e) {
      throw new Error(explainFailure(e));
    }
  }
  await shipCrc64Addon(platform, arch);
  if (electronDist === null) noteElectronDownload(context, arch);
}

/**
 * The native CRC-64 addon (native/crc64, N-API: the Node build loads in Electron) goes to resources/native/ with
 * better-sqlite3, through the same extraResources folder, when it was built for this package's platform and
 * arch. Otherwise the package has none and computes the CRC with hash-wasm (electron/core/oss/crc64-implementation.ts).
 */
async function shipCrc64Addon(platform, arch) {
  const { builderOs } = await import('./rebuild-native.mjs');
  const root = path.resolve(__dirname, '..');
  const built = path.join(root, 'native', 'crc64', 'build', 'Release', 'crc64.node');
  const target = path.join(root, 'out', 'native', `${builderOs(platform)}-${arch}`, 'crc64.node');
  fs.rmSync(target, { force: true });
  if (platform !== process.platform || arch !== process.arch || !fs.existsSync(built)) {
    console.log(
      `  • the native CRC-64 addon is not built for ${platform}-${arch}: this package computes CRC-64 with hash-wasm`,
    );
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
}

/**
 * electron-builder downloads the Electron runtime (from github.com, cached by @electron/get) right after this
 * hook. Where that host is unreachable the download fails with a bare "getaddrinfo ENOTFOUND"; say why
 * beforehand, so the log explains the failure that follows.
 */
function noteElectronDownload(context, arch) {
  const version = context.packager.config.electronVersion ?? require('electron/package.json').version;
  const zip = `electron-v${version}-${context.electronPlatformName}-${arch}.zip`;
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
        '          If this machine cannot reach github.com, packaging stops there (getaddrinfo ENOTFOUND github.com);\n' +
        `          ${ELECTRON_DIST_ENV}=<unpacked Electron folder> packages a local copy instead.`,
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

module.exports = { beforePack };
