import { app } from 'electron';
import type { AppServices } from '../../core/app/app-services';
import type { Logger } from '../../core/log/logger';
import { isBusy } from '../activity/activity-view';
import { shutdownWithin } from './shutdown';

export interface QuitGuardOptions {
  readonly services: AppServices;
  readonly log: Logger;
  /** How long to wait for services.shutdown() before exiting anyway (SHUTDOWN_TIME_LIMIT_MS in the app). */
  readonly shutdownTimeLimitMs: number;
  /** Asks whether to pause and quit while uploads run; true means go ahead. */
  confirmQuitWhileBusy(): Promise<boolean>;
  /** Runs just before the process exits (tray, power-save blocker, log file). */
  beforeExit?(): void;
}

/**
 * Every quit goes through here: Cmd+Q, the File and tray menus, closing the last window on Windows/Linux,
 * the OS logging out. Electron's quit is held (preventDefault on before-quit) until the services have shut
 * down: the engine pauses every job, in-flight parts are dropped (re-sent later), persisted parts are kept,
 * and the database is closed. Then the app exits for real with app.exit, which does not come back here. A
 * shutdown that fails or outlasts the time limit still ends in an exit (code 1, so a supervisor can tell).
 */
export function installQuitGuard(options: QuitGuardOptions) {
  let state: 'running' | 'asking' | 'shutting-down' = 'running';

  const shutdownAndExit = async () => {
    state = 'shutting-down';
    const outcome = await shutdownWithin(options.services, options.shutdownTimeLimitMs, options.log);
    try {
      options.beforeExit?.();
    } finally {
      app.exit(outcome === 'done' ? 0 : 1);
    }
  };

  const onBeforeQuit = (event: { preventDefault(): void }, ask: boolean) => {
    event.preventDefault();
    if (state !== 'running') return;
    if (!ask || !isBusy(options.services.activity())) {
      // Fire-and-forget from Electron's event: it ends in app.exit, and shutdownWithin never rejects.
      void shutdownAndExit();
      return;
    }
    state = 'asking';
    void options.confirmQuitWhileBusy().then(
      (go) => {
        if (go) void shutdownAndExit();
        else state = 'running';
      },
      () => {
        state = 'running';
      },
    );
  };

  app.on('before-quit', (event) => onBeforeQuit(event, true));

  /** For signals and OS shutdown: nobody is there to answer a dialog, so pause and exit at once. */
  return {
    quitWithoutAsking() {
      onBeforeQuit({ preventDefault: () => undefined }, false);
    },
  };
}
