import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native addon, and Electron's Node has a different ABI from the Node that runs the
 * tests. One checkout holds both builds (docs/architecture.md, "Two Nodes"): node_modules keeps the Node build for
 * `npm test`, and build/rebuild-native.mjs compiles an Electron build into out/native/<os>-<arch>/; the
 * packaged app carries it in resources/native/. The app passes this path to openDatabase({ nativeBinding }).
 * Keep the folder names in step with build/rebuild-native.mjs (a unit test compares them).
 */
export const SQLITE_ADDON_FILE = 'better_sqlite3.node';

/** electron-builder's names for the platforms, used in folder names so its ${os} macro can find them. */
export function builderOs(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

export interface NativeBindingContext {
  readonly isPackaged: boolean;
  readonly appPath: string;
  readonly resourcesPath: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

export function sqliteNativeBindingPath(context: NativeBindingContext): string {
  if (context.isPackaged) return join(context.resourcesPath, 'native', SQLITE_ADDON_FILE);
  return join(
    context.appPath,
    'out',
    'native',
    `${builderOs(context.platform)}-${context.arch}`,
    SQLITE_ADDON_FILE,
  );
}

/** The path, checked: a missing Electron build is a setup problem with a one-line fix, so say it. */
export function requireSqliteNativeBinding(context: NativeBindingContext): string {
  const path = sqliteNativeBindingPath(context);
  if (!existsSync(path)) {
    throw new Error(
      context.isPackaged
        ? `This installation is incomplete: ${path} is missing. Reinstall VOD Uploader.`
        : `The Electron build of better-sqlite3 is missing (${path}). Run \`npm run rebuild:native\` (it needs to download Electron's headers once).`,
    );
  }
  return path;
}
