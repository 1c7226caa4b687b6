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
    // Wait in short steps: a limit lifted or changed at run time (setFaults) applies to streams already
    // waiting, so a test that lifts it does not see bytes trickle in at the old pace seconds later.
    const target = this.nextFree;
    while (target - performance.now() > 1) {
      if (this.rate() <= 0) {
        this.nextFree = 0;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(target - performance.now(), 50)));
    }
  }
}
