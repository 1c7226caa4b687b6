// Builds better-sqlite3 for Electron's ABI into out/native/<os>-<arch>/better_sqlite3.node, leaving the Node
// build in node_modules untouched for `npm test` (docs/architecture.md, "Two Nodes"). The app loads it through
// better-sqlite3's `nativeBinding` option (electron/main/native-binding.ts; keep the paths in step).
//
// Run by `npm start` (skips at once when the build for this Electron version exists), by the electron-builder
// beforeBuild hook for installers, or by hand: `npm run rebuild:native [-- --arch arm64] [-- --force]`.
// Needs Electron's headers, downloaded once from electronjs.org (cached in ~/.electron-gyp).
//
// Flags: --arch <arch>, --platform <platform> (default: this machine), --force, --print-path.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const ADDON = 'better_sqlite3.node';

/** electron-builder's platform names (its ${os} macro), so the packager can pick the folder. */
export function builderOs(platform) {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

export function nativeAddonPath(platform, arch) {
  return join(root, 'out', 'native', `${builderOs(platform)}-${arch}`, ADDON);
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Builds (if needed) and returns the addon's path; throws with the reason when it cannot. */
export async function rebuildNative({
  platform = process.platform,
  arch = process.arch,
  force = false,
} = {}) {
  const target = nativeAddonPath(platform, arch);
  const stamp = `${target}.electron-version`;
  const version = electronVersion();
  if (!force && existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) {
    console.log(`rebuild-native: ${target} is up to date (Electron ${version}).`);
    return target;
  }

  // A private copy of the package to compile in, so node_modules' Node build is never touched.
  const work = join(root, 'out', 'native', '.work', `${builderOs(platform)}-${arch}`);
  const source = join(root, 'node_modules', 'better-sqlite3');
  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  cpSync(source, join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'build')),
  });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({
      name: 'native-build',
      version: '0.0.0',
      dependencies: { 'better-sqlite3': pkg.version },
    }),
  );

  // npm passes its `nodedir` setting to node-gyp through the environment; it would make node-gyp compile
  // against this machine's Node headers instead of Electron's, producing an addon Electron refuses to load.
  for (const name of Object.keys(process.env)) {
    if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name];
  }

  console.log(
    `rebuild-native: compiling better-sqlite3 ${pkg.version} for Electron ${version} (${platform}-${arch})…`,
  );
  const { rebuild } = await import('@electron/rebuild');
  try {
    await rebuild({
      buildPath: work,
      electronVersion: version,
      platform,
      arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      buildFromSource: true,
    });
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  const built = join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', ADDON);
  if (!existsSync(built)) throw new Error(`the build finished but ${built} is missing`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  writeFileSync(stamp, `${version}\n`);
  rmSync(work, { recursive: true, force: true });
  console.log(`rebuild-native: wrote ${target}`);
  return target;
}

/** Says plainly why, in particular when the one download this needs (Electron's headers) is unreachable. */
export function explainFailure(error) {
  const message = error instanceof Error ? error.message : String(error);
  const version = electronVersion();
  const headersCached = existsSync(join(homedir(), '.electron-gyp', version, 'include'));
  const lines = [`rebuild-native: could not build better-sqlite3 for Electron ${version}.`, `  ${message}`];
  if (!headersCached) {
    lines.push(
      `  Reason: Electron ${version}'s C++ headers are not in ~/.electron-gyp and could not be downloaded from`,
      '  https://electronjs.org/headers (node-gyp reported a network failure above). Run this step on a machine',
      '  that can reach that host, or copy its ~/.electron-gyp cache here, then `npm run rebuild:native` again.',
    );
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      arch: { type: 'string', default: process.arch },
      platform: { type: 'string', default: process.platform },
      force: { type: 'boolean', default: false },
      'print-path': { type: 'boolean', default: false },
    },
  });
  if (values['print-path']) {
    console.log(nativeAddonPath(values.platform, values.arch));
  } else {
    try {
      await rebuildNative({ platform: values.platform, arch: values.arch, force: values.force });
    } catch (e) {
      console.error(explainFailure(e));
      process.exit(1);
    }
  }
}
