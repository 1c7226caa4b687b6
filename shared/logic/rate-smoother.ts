/**
 * Speed and ETA smoothing after Uppy's status bar (ux-anchors §4.3): an exponential moving average with a
 * half-life, computed from total bytes (never a sum of per-file ETAs). The previous ETA keeps counting down
 * between samples, and the ETA stays hidden (null) for the first seconds and while nothing moves, because
 * "0 s" and NaN look broken.
 */
export function ema(next: number, previous: number, halfLifeMs: number, dtMs: number): number {
  return next + (previous - next) * 2 ** (-dtMs / halfLifeMs);
}

export interface RateSample {
  /** Smoothed bytes per second. */
  readonly speed: number;
  /** Smoothed seconds left, or null while meaningless. */
  readonly etaSeconds: number | null;
}

export interface RateSmootherOptions {
  readonly halfLifeMs?: number;
  /** How long after (re)starting before an ETA is shown. */
  readonly warmupMs?: number;
  /** With no new bytes for this long, speed decays to 0 and the ETA is hidden. */
  readonly idleMs?: number;
}

export class RateSmoother {
  private readonly halfLifeMs: number;
  private readonly warmupMs: number;
  private readonly idleMs: number;
  private startedAt: number | null = null;
  private lastAt = 0;
  private lastBytes = 0;
  private lastMoveAt = 0;
  private speed = 0;
  private eta: number | null = null;

  public constructor(options: RateSmootherOptions = {}) {
    this.halfLifeMs = options.halfLifeMs ?? 2000;
    this.warmupMs = options.warmupMs ?? 2000;
    this.idleMs = options.idleMs ?? 5000;
  }

  /** Forget history (on start, pause or restore), so a stale rate never leaks into a new run. */
  public reset(): void {
    this.startedAt = null;
    this.speed = 0;
    this.eta = null;
  }

  public sample(now: number, bytesDone: number, bytesTotal: number): RateSample {
    if (this.startedAt === null) {
      this.startedAt = now;
      this.lastAt = now;
      this.lastBytes = bytesDone;
      this.lastMoveAt = now;
      return { speed: 0, etaSeconds: null };
    }
    const dt = now - this.lastAt;
    if (dt <= 0) return { speed: this.speed, etaSeconds: this.visibleEta(now) };
    const moved = bytesDone - this.lastBytes;
    const instant = Math.max(0, (moved * 1000) / dt);
    this.speed = ema(instant, this.speed, this.halfLifeMs, dt);
    if (moved > 0) this.lastMoveAt = now;
    const remaining = Math.max(0, bytesTotal - bytesDone);
    if (moved > 0 && this.speed > 0) {
      const instantEta = remaining / this.speed;
      const previous = this.eta === null ? instantEta : Math.max(0, this.eta - dt / 1000);
      this.eta = ema(instantEta, previous, this.halfLifeMs, dt);
    } else if (this.eta !== null) {
      this.eta = Math.max(0, this.eta - dt / 1000);
    }
    this.lastAt = now;
    this.lastBytes = bytesDone;
    if (now - this.lastMoveAt > this.idleMs) this.speed = 0;
    return { speed: this.speed, etaSeconds: this.visibleEta(now) };
  }

  private visibleEta(now: number): number | null {
    if (this.eta === null || this.startedAt === null) return null;
    if (now - this.startedAt < this.warmupMs) return null;
    if (now - this.lastMoveAt > this.idleMs) return null;
    return Math.round(this.eta * 10) / 10;
  }
}
