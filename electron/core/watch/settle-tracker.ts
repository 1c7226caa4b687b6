import { open, stat } from 'node:fs/promises';

export interface SettleOptions {
  /** Size and mtime unchanged for this long makes a file complete (default 5 s). */
  readonly settleMs?: number;
  /** How often pending files are looked at (default settleMs / 4, at least 100 ms). */
  readonly checkEveryMs?: number;
  /** File stats in flight at once during a check (default 32). */
  readonly concurrency?: number;
  /** At most this many complete files per hand-over (default 500): a burst is queued in bounded batches. */
  readonly batchSize?: number;
  /** Receives complete files; the next check waits for it, so a slow queue slows the tracker down. */
  readonly onComplete: (paths: string[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

interface Pending {
  size: number;
  mtimeMs: number;
  /** When size and mtime were last seen to change (or the file was first seen). */
  since: number;
}

/**
 * Decides when a file that appeared or changed is complete: its size and mtime have not moved for `settleMs`,
 * it is not empty, and it can be opened for reading (Windows refuses while a writer holds it exclusively).
 * Only files seen to change are looked at (one stat each per check, bounded concurrency), never the whole
 * tree, so 10,000 files arriving at once cost 10,000 stats a check and a few hundred KB of memory.
 */
export class SettleTracker {
  private readonly pending = new Map<string, Pending>();
  /** Files handed over, as they were: seen again unchanged (a walk, a touch), they are not handed over again. */
  private readonly handedOver = new Map<string, { size: number; mtimeMs: number }>();
  private readonly settleMs: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<void> | undefined;
  private stopped = false;

  public constructor(private readonly options: SettleOptions) {
    this.settleMs = options.settleMs ?? 5000;
    this.concurrency = Math.max(1, options.concurrency ?? 32);
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    this.now = options.now ?? Date.now;
    const every = options.checkEveryMs ?? Math.max(100, Math.floor(this.settleMs / 4));
    this.timer = setInterval(() => void this.check(), every);
    this.timer.unref?.();
  }

  /** A file appeared or changed: it is complete only after it has been still for settleMs from now. */
  public touch(path: string): void {
    if (this.stopped) return;
    const entry = this.pending.get(path);
    if (entry === undefined) this.pending.set(path, { size: -1, mtimeMs: -1, since: this.now() });
    else entry.since = this.now();
  }

  /** A file found by a walk: looked at like a touched one, without restarting its wait if already pending. */
  public see(path: string): void {
    if (!this.stopped && !this.pending.has(path))
      this.pending.set(path, { size: -1, mtimeMs: -1, since: this.now() });
  }

  /** A file went away (deleted, or renamed to another name, which arrives as its own touch). */
  public forget(path: string): void {
    this.pending.delete(path);
    this.handedOver.delete(path);
  }

  /** Files seen but not yet complete. */
  public get size(): number {
    return this.pending.size;
  }

  /** Runs a check now (tests, and a host that wants no wait); resolves when it and its hand-overs are done. */
  public check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.checking ??= this.runCheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Stops checking; waits for a hand-over in progress. Pending files are dropped (a new start sees them again). */
  public async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
    this.pending.clear();
  }

  private async runCheck(): Promise<void> {
    const paths = [...this.pending.keys()];
    const complete: string[] = [];
    const stats = new Map<string, { size: number; mtimeMs: number }>();
    await forEachLimit(paths, this.concurrency, async (path) => {
      const entry = this.pending.get(path);
      if (await this.isComplete(path)) {
        complete.push(path);
        if (entry !== undefined) stats.set(path, { size: entry.size, mtimeMs: entry.mtimeMs });
      }
    });
    for (let i = 0; i < complete.length && !this.stopped; i += this.batchSize) {
      const batch = complete.slice(i, i + this.batchSize);
      // Removed before the hand-over: a change during it touches the file again and it is looked at anew.
      for (const path of batch) this.pending.delete(path);
      try {
        await this.options.onComplete(batch);
        for (const path of batch) {
          const st = stats.get(path);
          if (st !== undefined) this.handedOver.set(path, st);
        }
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private async isComplete(path: string): Promise<boolean> {
    const entry = this.pending.get(path);
    if (entry === undefined) return false;
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = await stat(path));
    } catch {
      // Gone (deleted or renamed away): its new name, if any, is touched on its own.
      this.pending.delete(path);
      return false;
    }
    const before = this.handedOver.get(path);
    if (before !== undefined && before.size === size && before.mtimeMs === mtimeMs) {
      // Already handed over as it is now: nothing to queue (a walk, or a touch that changed nothing).
      this.pending.delete(path);
      return false;
    }
    const now = this.now();
    if (size !== entry.size || mtimeMs !== entry.mtimeMs) {
      // Moved since the last look (or first look): still only from now on. Never judged by mtime alone:
      // copy tools set the original mtime, and a network share's clock may differ from ours.
      entry.size = size;
      entry.mtimeMs = mtimeMs;
      entry.since = now;
      return false;
    }
    if (size === 0 || now - entry.since < this.settleMs) return false;
    return await canOpen(path);
  }
}

async function canOpen(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
