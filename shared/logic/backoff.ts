/**
 * Jittered exponential backoff ("full jitter"): the delay before retry `attempt` (1-based) is a random value
 * in [0, min(maxMs, baseMs * 2^(attempt-1))]. Full jitter spreads retries of many parts that failed together
 * (a reset connection, a throttled account) instead of sending them back in one burst.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Lower bound, so a retry never fires instantly (default 0). */
  readonly minMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, minMs: 100 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  const min = Math.min(options.minMs ?? 0, ceiling);
  return Math.round(min + random() * (ceiling - min));
}
