/**
 * The global parts-in-flight cap: a counting semaphore whose limit can change while it runs, handing slots
 * out by priority (queue position: the first file in the queue gets its parts first, so files finish in
 * order) and then first come, first served, except that small files (one request each) are owed a share
 * of the slots: a big file always has another part waiting, and by priority alone the small files behind
 * it would wait for its last part. A waiter whose signal aborts leaves the line.
 */
interface Waiter {
  readonly priority: number;
  readonly small: boolean;
  readonly seq: number;
  readonly resolve: () => void;
}

export class PartLimiter {
  private limit: number;
  private active = 0;
  private smallActive = 0;
  private seq = 0;
  private readonly waiters: Waiter[] = [];

  public constructor(
    limit: number,
    /** Called when a request has to wait for a slot: the limit, not the work, holds traffic back. */
    private readonly onWait: () => void = () => undefined,
  ) {
    this.limit = Math.max(1, limit);
  }

  public get currentLimit(): number {
    return this.limit;
  }

  public get inFlight(): number {
    return this.active;
  }

  public get waiting(): number {
    return this.waiters.length;
  }

  public setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.drain();
  }

  /** Resolves with a release function once a slot is free. Release exactly once. */
  public acquire(priority: number, signal?: AbortSignal, small = false): Promise<() => void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        small,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.active--;
            if (small) this.smallActive--;
            this.drain();
          });
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const at = this.waiters.findIndex((w) => w.priority > priority);
      if (at < 0) this.waiters.push(waiter);
      else this.waiters.splice(at, 0, waiter);
      this.drain();
      if (this.waiters.includes(waiter)) this.onWait();
    });
  }

  private drain(): void {
    while (this.active < this.limit && this.waiters.length > 0) {
      let index = 0;
      if (this.smallActive < smallShare(this.limit))
        index = Math.max(
          0,
          this.waiters.findIndex((w) => w.small),
        );
      const next = this.waiters.splice(index, 1)[0] as Waiter;
      this.active++;
      if (next.small) this.smallActive++;
      next.resolve();
    }
  }
}

/** Slots small files may take ahead of a bigger file earlier in the queue: a quarter, at least one. */
export function smallShare(limit: number): number {
  return Math.max(1, Math.ceil(limit / 4));
}
