/**
 * One bandwidth limit shared by every request of the engine: a token bucket refilled at `rate` bytes per
 * second, holding at most a quarter second of traffic so a pause in sending does not turn into a burst.
 * The rate can change at any time; 0 means unlimited.
 */
export class TokenBucket {
  private rate: number;
  private tokens = 0;
  private last: number;
  private readonly now: () => number;

  public constructor(rate: number, now: () => number = () => performance.now()) {
    this.rate = Math.max(0, rate);
    this.now = now;
    this.last = now();
  }

  public get bytesPerSecond(): number {
    return this.rate;
  }

  public setRate(rate: number): void {
    this.refill();
    this.rate = Math.max(0, rate);
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** Resolves once `bytes` may be sent. Rejects with the signal's reason if it aborts while waiting. */
  public async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.rate === 0) return;
      this.refill();
      // A slice larger than the bucket can never fit whole: let it through once the bucket is full.
      const need = Math.min(bytes, this.capacity());
      if (this.tokens >= need) {
        this.tokens -= need;
        return;
      }
      // Sleep in short steps so a changed rate (or unlimited) takes effect at once.
      const waitMs = Math.min(100, Math.max(1, ((need - this.tokens) * 1000) / this.rate));
      await sleep(waitMs, signal);
    }
  }

  private capacity(): number {
    return Math.max(64 * 1024, this.rate / 4);
  }

  private refill(): void {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    if (this.rate > 0) this.tokens = Math.min(this.capacity(), this.tokens + (elapsed * this.rate) / 1000);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
