import { backoffDelay, type BackoffOptions } from '../../../shared/logic/backoff';
import type { Logger } from '../log/logger';
import type { VodError } from './vod-error';

export const DEFAULT_RPC_BACKOFF: BackoffOptions = { baseMs: 300, maxMs: 8_000, minMs: 50 };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface CallRetryOptions {
  readonly maxAttempts: number;
  readonly backoff?: BackoffOptions | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  readonly logger: Logger;
  /** Log message prefix, e.g. 'openapi call' or 'auth-service call'. */
  readonly what: string;
}

/**
 * The end of one failed attempt of a VOD or authorization-service call: throws the error when it is not
 * retryable or the attempts are spent, otherwise waits a jittered backoff before the next attempt.
 */
export async function backOffOrThrow(
  error: VodError,
  attempt: number,
  fields: Record<string, unknown>,
  options: CallRetryOptions,
): Promise<void> {
  if (!error.retryable || attempt >= options.maxAttempts) {
    options.logger.warn(`${options.what} failed`, {
      ...fields,
      retryable: error.retryable,
      error: error.message,
    });
    throw error;
  }
  const delay = backoffDelay(attempt, options.backoff ?? DEFAULT_RPC_BACKOFF);
  options.logger.info(`${options.what} will be retried`, { ...fields, delayMs: delay });
  await (options.sleep ?? defaultSleep)(delay);
}
