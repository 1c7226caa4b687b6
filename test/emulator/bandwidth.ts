/**
 * A pacing limiter shared by many streams: each `take(n)` reserves n bytes of the current rate and waits
 * until that much time has passed. A small burst allowance absorbs timer granularity so the long-run
 * throughput stays at the configured rate.
 */
export class RateLimiter {
  private nextFree = 0;

  constructor(
    private readonly rate: () => number,
    private readonly burstMs = 50,
  ) {}

  /** Resolves when `n` bytes may pass; immediately when the rate is 0 (unlimited). */
  async take(n: number): Promise<void> {
    const rate = this.rate();
    if (rate <= 0) return;
    const now = performance.now();
    const start = Math.max(now - this.burstMs, this.nextFree);
    this.nextFree = start + (n / rate) * 1000;
    const wait = this.nextFree - now;
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
