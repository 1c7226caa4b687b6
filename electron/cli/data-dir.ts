import { posix, win32 } from 'node:path';

/** The desktop app's productName: Electron names its userData folder after it. */
export const PRODUCT_NAME = 'VOD Uploader';

export interface DataDirContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

/**
 * Where the desktop app keeps its queue, so the CLI and the app share one queue by default. Mirrors Electron's
 * app.getPath('userData') (appData + productName): %APPDATA% on Windows, ~/Library/Application Support on
 * macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function desktopDataDir(ctx: DataDirContext): string {
  switch (ctx.platform) {
    case 'win32':
      return win32.join(ctx.env['APPDATA'] || win32.join(ctx.homeDir, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return posix.join(ctx.homeDir, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return posix.join(ctx.env['XDG_CONFIG_HOME'] || posix.join(ctx.homeDir, '.config'), PRODUCT_NAME);
  }
}

/** --data-dir wins, then VOD_UPLOADER_DATA_DIR, then the desktop app's folder. */
export function resolveDataDir(flag: string | undefined, ctx: DataDirContext): string {
  if (flag !== undefined && flag.trim() !== '') return flag;
  const fromEnv = ctx.env['VOD_UPLOADER_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  return desktopDataDir(ctx);
}
