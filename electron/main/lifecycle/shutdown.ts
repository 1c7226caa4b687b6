import type { AppServices } from '../../core/app/app-services';
import type { Logger } from '../../core/log/logger';

/**
 * How long a quit waits for the services to pause every job and close the database. The engine normally needs
 * well under a second (in-flight parts are aborted, not finished); a request stuck in a dead proxy or a disk
 * that stopped answering must not keep the app alive with no window. Whatever was not persisted by then is
 * re-sent on the next start (jobs resume from their last persisted part).
 */
export const SHUTDOWN_TIME_LIMIT_MS = 10_000;

export type ShutdownOutcome = 'done' | 'failed' | 'timed-out';

/** Runs services.shutdown(), giving up after `limitMs`; never throws. */
export async function shutdownWithin(
  services: Pick<AppServices, 'shutdown'>,
  limitMs: number,
  log: Logger | null,
): Promise<ShutdownOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ShutdownOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), limitMs);
  });
  const finished = Promise.resolve()
    .then(() => services.shutdown())
    .then(
      (): ShutdownOutcome => 'done',
      (e: unknown): ShutdownOutcome => {
        log?.error('shutdown failed; jobs stay resumable from their last persisted part', { error: e });
        return 'failed';
      },
    );
  const outcome = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timed-out') {
    log?.error(
      'shutdown did not finish in time; exiting anyway (jobs resume from their last persisted part)',
      {
        limitMs,
      },
    );
  }
  return outcome;
}
