import type { Logger } from '../log/logger';

/** No setting lets the engine open more connections than this at once. */
export const HARD_CONNECTION_CAP = 128;

export interface ConcurrencyOptions {
  /**
   * Connections to begin with (default 8: fills a regional link at once; more at the start would make each
   * part on a slow line take longer, so acknowledged progress would lag).
   */
  readonly start?: number;
  /** Fewest connections the engine backs off to (default 2). */
  readonly min?: number;
  /** How often a decision is made, ms (default 500: a step every 1.5 s, 8 → 128 in about 6 s). */
  readonly intervalMs?: number;
  /** Ticks to stay at a level that did not pay off before probing above it again (default 10). */
  readonly holdTicks?: number;
}

/** Why the number of connections changed (logged, and shown in the engine's snapshot). */
export type ConcurrencyDecision = 'grow' | 'plateau' | 'errors' | 'overload' | 'cap';

/** Request outcomes kept to judge the error rate: one reset in a hundred must not halve the connections. */
const OUTCOME_WINDOW = 20;
const ERRORS_TO_BACK_OFF = 4;
/** Growth has to buy this much more goodput to count as growth. */
const GAIN = 1.08;

/**
 * How many requests the engine keeps in flight, found rather than configured: it climbs while the total
 * goodput keeps growing (each step doubles while goodput scales almost linearly, else adds half, measured after a settling tick so the
 * burst that fills new sockets' send buffers is not mistaken for goodput), steps back to the last level that
 * paid off when more connections bring nothing (a link full, or the user's bandwidth limit reached), and cuts
 * by a quarter on an explicit overload answer (503, Throttling) or when errors, resets or stalls pile up
 * (4 of the last 20 requests). A cut is followed by a hold before probing up again. The user's setting is a cap
 * (the hard cap above it), so nothing goes past what was asked for. Growth happens only under demand: with
 * no request waiting for a slot, more slots would change nothing and measure nothing.
 */
export class ConcurrencyController {
  private limitValue: number;
  private readonly min: number;
  private readonly holdTicks: number;
  private bytes = 0;
  private lastTickAt: number;
  private readonly outcomes: boolean[] = [];
  private overloaded = false;
  /** Goodput measured at the level before the last step up, bytes/s. */
  private previousRate: number | undefined;
  private previousLimit: number | undefined;
  private samples: number[] = [];
  private settle = 1;
  private hold = 0;
  private demand = false;
  private lastDecision: ConcurrencyDecision | undefined;

  public constructor(
    private readonly cap: () => number,
    private readonly onChange: (limit: number) => void,
    private readonly logger: Logger,
    options: ConcurrencyOptions = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.min = Math.max(1, options.min ?? 2);
    this.holdTicks = options.holdTicks ?? 10;
    this.limitValue = this.clamp(options.start ?? 8);
    this.lastTickAt = now();
  }

  public get limit(): number {
    return this.limitValue;
  }

  public get decision(): ConcurrencyDecision | undefined {
    return this.lastDecision;
  }

  /** Body bytes the sockets took. */
  public onBytes(n: number): void {
    this.bytes += n;
  }

  /** A request waited for a slot: more slots could be used. */
  public noteDemand(): void {
    this.demand = true;
  }

  public onSuccess(): void {
    this.record(true);
  }

  /** A transient failure; `overload` for the server saying it is overloaded (503, Throttling, 429). */
  public onError(overload: boolean): void {
    if (overload) this.overloaded = true;
    this.record(false);
  }

  /** The user's cap changed: obey it at once. */
  public recheckCap(): void {
    const capped = this.clamp(this.limitValue);
    if (capped !== this.limitValue) this.set(capped, 'cap', { cap: this.cap() });
  }

  /** One decision; called every interval by the engine. */
  public tick(): void {
    const t = this.now();
    const dt = Math.max(1, t - this.lastTickAt);
    const rate = (this.bytes * 1000) / dt;
    this.lastTickAt = t;
    this.bytes = 0;
    const demand = this.demand;
    this.demand = false;
    const errors = this.outcomes.filter((ok) => !ok).length;
    if (this.overloaded || errors >= ERRORS_TO_BACK_OFF) {
      const reason = this.overloaded ? 'overload' : 'errors';
      this.overloaded = false;
      this.outcomes.length = 0;
      this.backOff(reason, { errors, rateMBps: mbps(rate) });
      return;
    }
    if (this.settle > 0) {
      this.settle--;
      return;
    }
    if (this.hold > 0) {
      this.hold--;
      return;
    }
    if (!demand) {
      // Not every slot is wanted: nothing to learn about the path at this level.
      this.samples = [];
      return;
    }
    this.samples.push(rate);
    if (this.samples.length < 2) return;
    const measured = (this.samples[0]! + this.samples[1]!) / 2;
    this.samples = [];
    if (this.previousRate !== undefined && measured < this.previousRate * GAIN) {
      // The last step bought nothing: go back to where we were and stay a while.
      const back = this.previousLimit ?? this.limitValue;
      this.previousRate = undefined;
      this.previousLimit = undefined;
      this.hold = this.holdTicks;
      this.set(back, 'plateau', { rateMBps: mbps(measured) });
      return;
    }
    // Slow start: while a step scales goodput almost linearly (or on the first step), double; else +50 %.
    const linear = this.previousRate === undefined || measured >= this.previousRate * 1.5;
    const next = this.clamp(Math.max(this.limitValue + 1, Math.round(this.limitValue * (linear ? 2 : 1.5))));
    if (next === this.limitValue) {
      this.hold = this.holdTicks;
      return;
    }
    this.previousRate = measured;
    this.previousLimit = this.limitValue;
    this.set(next, 'grow', { rateMBps: mbps(measured) });
  }

  private backOff(reason: ConcurrencyDecision, fields: Record<string, unknown>): void {
    this.previousRate = undefined;
    this.previousLimit = undefined;
    this.samples = [];
    this.hold = this.holdTicks;
    this.set(Math.max(this.min, Math.floor(this.limitValue * 0.75)), reason, fields);
  }

  private set(limit: number, reason: ConcurrencyDecision, fields: Record<string, unknown>): void {
    const from = this.limitValue;
    this.limitValue = this.clamp(limit);
    this.lastDecision = reason;
    this.settle = 1;
    if (from === this.limitValue) return;
    this.logger.info('connections changed', { from, to: this.limitValue, reason, ...fields });
    this.onChange(this.limitValue);
  }

  private record(ok: boolean): void {
    this.outcomes.push(ok);
    if (this.outcomes.length > OUTCOME_WINDOW) this.outcomes.shift();
  }

  private clamp(limit: number): number {
    const cap = Math.max(1, Math.min(HARD_CONNECTION_CAP, this.cap()));
    return Math.max(Math.min(this.min, cap), Math.min(cap, Math.round(limit)));
  }
}

function mbps(bytesPerSecond: number): number {
  return Math.round(bytesPerSecond / 1e4) / 100;
}
