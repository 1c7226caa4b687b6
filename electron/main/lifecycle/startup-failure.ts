import { app, type BrowserWindow, dialog } from 'electron';
import type { AppServices } from '../../core/app/app-services';
import type { JsonFileLogger } from '../../core/log/json-file-logger';
import type { ActivityPresenter } from '../activity/activity-presenter';
import { shutdownWithin } from './shutdown';

/** What start-up has built so far: each part is taken down if a later step throws. */
export interface StartupState {
  log: JsonFileLogger | null;
  logFile: string | null;
  services: AppServices | null;
  presenter: ActivityPresenter | null;
  window: BrowserWindow | null;
}

export const STARTUP_FAILED_TITLE = 'VOD Uploader could not start';

/**
 * A throw anywhere in start-up (settings, tray, menu, window) ends here instead of leaving a process with no
 * window that still holds the queue database, the engine lock and the single-instance lock (so the next launch
 * would only focus it). Everything built so far is taken down, the services within the time limit, then the
 * error is shown and the process exits with code 1.
 */
export async function failStartup(error: unknown, state: StartupState, shutdownTimeLimitMs: number) {
  const log = state.log;
  log?.error('start-up failed', { error });
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (e) {
      log?.error('clean-up after a failed start-up failed', { error: e });
    }
  };
  attempt(() => state.window?.destroy());
  attempt(() => state.presenter?.dispose());
  if (state.services) await shutdownWithin(state.services, shutdownTimeLimitMs, log);
  // Last, so a launch made meanwhile does not find the queue still locked.
  attempt(() => app.releaseSingleInstanceLock());
  const message = error instanceof Error ? error.message : String(error);
  const where = state.logFile ? `\n\nDetails are in the log: ${state.logFile}` : '';
  dialog.showErrorBox(STARTUP_FAILED_TITLE, `${message}${where}`);
  log?.close();
  app.exit(1);
}
