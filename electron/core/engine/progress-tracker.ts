import type { JobView, QueueSnapshot, QueueTotals } from '../../../shared/domain/queue';
import { RateSmoother } from '../../../shared/logic/rate-smoother';
import type { JobStore } from './ports';

interface LiveJob {
  /** Bytes in parts OSS acknowledged and the store recorded: the progress shown. */
  confirmed: number;
  /**
   * Bytes of parts being sent now, as the socket accepted them: they feed the speed (which would otherwise
   * move in part-sized steps) but never the progress, which must not go back when a pause or a reset
   * throws them away.
   */
  inFlight: number;
  size: number;
  readonly smoother: RateSmoother;
  speed: number;
  eta: number | null;
}

/**
 * Live progress, held in memory and never written per chunk, turned into throttled QueueSnapshots: at most
 * one per interval (100 ms → 10 a second) however many files move, carrying only the rows that changed,
 * with speed and ETA smoothed per file and for the total (from total bytes, never a sum of ETAs).
 */
export class ProgressTracker {
  private readonly live = new Map<string, LiveJob>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly total = new RateSmoother();
  /** Every body byte the sockets accepted since start: the overall speed's source (never goes back). */
  private moved = 0;
  private totalSpeed = 0;
  private totalEta: number | null = null;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  /**
   * Not at start: every client reads the list itself (`queue:list`, a page at a time) after subscribing, and a
   * full snapshot of 100,000 rows took seconds of main's time at each start and crossed IPC whole (issue 19).
   */
  private fullPending = false;
  private readonly listeners = new Set<(snapshot: QueueSnapshot) => void>();
  private connections: (() => { active: number; limit: number }) | undefined;

  public constructor(
    private readonly store: JobStore,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Where the totals' connection count comes from (the engine's limiter and adaptive concurrency). */
  public setConnections(source: () => { active: number; limit: number }): void {
    this.connections = source;
  }

  public onSnapshot(listener: (snapshot: QueueSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A job starts moving (or resumes) with `confirmed` bytes already on record. */
  public begin(jobId: string, confirmed: number, size: number): void {
    const existing = this.live.get(jobId);
    const smoother = existing?.smoother ?? new RateSmoother();
    smoother.reset();
    this.live.set(jobId, { confirmed, inFlight: 0, size, smoother, speed: 0, eta: null });
    this.dirty.add(jobId);
  }

  public end(jobId: string): void {
    this.live.delete(jobId);
    this.dirty.add(jobId);
  }

  public setConfirmed(jobId: string, confirmed: number): void {
    const job = this.live.get(jobId);
    if (job === undefined) return;
    job.confirmed = confirmed;
    this.dirty.add(jobId);
  }

  public addInFlight(jobId: string, bytes: number): void {
    const job = this.live.get(jobId);
    if (job === undefined) return;
    if (bytes > 0) this.moved += bytes;
    job.inFlight = Math.max(0, job.inFlight + bytes);
    this.dirty.add(jobId);
  }

  /** A part finished: its bytes move from in flight to confirmed. */
  public confirmPart(jobId: string, partBytes: number, sentBytes: number): void {
    const job = this.live.get(jobId);
    if (job === undefined) return;
    job.inFlight = Math.max(0, job.inFlight - sentBytes);
    job.confirmed += partBytes;
    this.dirty.add(jobId);
  }

  /** Status or row changed outside of byte progress (also used by the queue service for adds and edits). */
  public markChanged(jobIds: Iterable<string>): void {
    for (const id of jobIds) this.dirty.add(id);
  }

  public markRemoved(jobIds: Iterable<string>): void {
    for (const id of jobIds) {
      this.removed.add(id);
      this.dirty.delete(id);
      this.live.delete(id);
    }
  }

  /** The next snapshot carries every row (a renderer reloaded). */
  public requestFull(): void {
    this.fullPending = true;
  }

  /** Confirmed bytes of a moving job (what its progress shows). */
  public liveBytes(jobId: string): number | undefined {
    return this.live.get(jobId)?.confirmed;
  }

  /** Bytes being sent now, not yet acknowledged (shown apart from progress, if at all). */
  public inFlightBytes(): number {
    let sum = 0;
    for (const job of this.live.values()) sum += job.inFlight;
    return sum;
  }

  /** Builds and emits a snapshot if anything changed; returns it (tests call this directly). */
  public flush(): QueueSnapshot | undefined {
    const t = this.now();
    let inFlight = 0;
    for (const [id, job] of this.live) {
      const done = Math.min(job.size, job.confirmed + job.inFlight);
      const sample = job.smoother.sample(t, done, job.size);
      if (sample.speed !== job.speed || sample.etaSeconds !== job.eta) this.dirty.add(id);
      job.speed = sample.speed;
      job.eta = sample.etaSeconds;
      inFlight += job.inFlight;
    }
    if (this.live.size > 0 || this.totalSpeed > 0) {
      // Overall: speed from the bytes moved (a file finishing does not dip it), ETA over all the work left,
      // queued files included, not just the ones moving now.
      const remaining = Math.max(0, this.store.remainingBytes() - inFlight);
      const sample = this.total.sample(t, this.moved, this.moved + remaining);
      this.totalSpeed = this.live.size > 0 ? sample.speed : 0;
      this.totalEta = this.live.size > 0 ? sample.etaSeconds : null;
    } else {
      this.total.reset();
    }
    const full = this.fullPending;
    if (!full && this.dirty.size === 0 && this.removed.size === 0) return undefined;
    if (this.listeners.size === 0) {
      // Nobody listens: keep the dirty marks (and a pending full) for the first listener's snapshot. A full
      // snapshot reads every row: 100,000 of them cost seconds at each start and shutdown (issue 19).
      return undefined;
    }
    const rows = this.store.views(full ? 'all' : [...this.dirty]);
    const snapshot: QueueSnapshot = {
      seq: this.seq++,
      full,
      totals: this.overlayTotals(this.store.totals()),
      changed: rows.map((row) => this.overlay(row)),
      removed: [...this.removed],
    };
    this.fullPending = false;
    this.dirty.clear();
    this.removed.clear();
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  private overlay(row: JobView): JobView {
    const job = this.live.get(row.id);
    if (job === undefined) return row;
    return {
      ...row,
      bytesDone: Math.min(row.size, job.confirmed),
      speed: job.speed,
      etaSeconds: job.eta,
    };
  }

  private overlayTotals(totals: QueueTotals): QueueTotals {
    return {
      ...totals,
      ...(this.connections === undefined ? {} : { connections: this.connections() }),
      speed: this.totalSpeed,
      etaSeconds: this.totalEta,
    };
  }
}
