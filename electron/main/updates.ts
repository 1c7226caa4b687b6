import type { Logger } from '../core/log/logger';

/**
 * Auto-update is off until a feed is configured. The feed is a generic HTTPS folder holding what
 * electron-builder publishes (latest.yml, latest-mac.yml, latest-linux.yml and the installers), named by
 * the VOD_UPLOADER_UPDATE_URL environment variable (an MDM / installer can set it per machine). With no feed,
 * or in a development run, nothing is loaded and no request is made.
 */
export const UPDATE_FEED_ENV = 'VOD_UPLOADER_UPDATE_URL';

/** The part of electron-updater's AppUpdater this file uses (so tests can pass a fake). */
export interface Updater {
  autoDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface AutoUpdateOptions {
  readonly feedUrl: string | undefined;
  readonly isPackaged: boolean;
  readonly log: Logger;
  readonly loadUpdater?: () => Promise<Updater>;
}

export type AutoUpdateState = 'off:no-feed' | 'off:development' | 'off:insecure-feed' | 'on';

export async function setupAutoUpdates(options: AutoUpdateOptions): Promise<AutoUpdateState> {
  const feed = options.feedUrl?.trim();
  if (!feed) return 'off:no-feed';
  if (!options.isPackaged) return 'off:development';
  if (!feed.startsWith('https://')) {
    options.log.warn('update feed ignored: it must be an https URL', { feed });
    return 'off:insecure-feed';
  }
  const load = options.loadUpdater ?? loadElectronUpdater;
  const updater = await load();
  updater.autoDownload = true;
  updater.setFeedURL({ provider: 'generic', url: feed });
  updater.checkForUpdatesAndNotify().catch((e: unknown) => {
    options.log.warn('update check failed', { error: e });
  });
  return 'on';
}

/**
 * electron-updater is CommonJS and defines `autoUpdater` as a getter, which Node's ESM interop cannot see as
 * a named export; under import() it is reached through `default`.
 */
async function loadElectronUpdater(): Promise<Updater> {
  const mod = (await import('electron-updater')) as unknown as {
    autoUpdater?: Updater;
    default?: { autoUpdater?: Updater };
  };
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater did not provide autoUpdater');
  return updater;
}
