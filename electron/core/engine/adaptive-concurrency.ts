import type { Logger } from '../log/logger';
import { PathRoundTrip } from './path-round-trip';
import { mbps, median } from './rate-math';

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

/**
 * What the controller learned of the path, for choosing part sizes: the round trip (the shortest request
 * seen) and what one connection carries (median of recent requests' bytes ÷ their duration).
 */
export interface PathEstimate {
  readonly rttMs: number | undefined;
  readonly perConnectionBytesPerSecond: number | undefined;
}

/** Why the number of connections changed (logged, and shown in the engine's snapshot). */
export type ConcurrencyDecision = 'grow' | 'plateau' | 'latency' | 'errors' | 'overload' | 'cap';

/** Request outcomes kept to judge the error rate: one reset in a hundred must not halve the connections. */
const OUTCOME_WINDOW = 20;
const ERRORS_TO_BACK_OFF = 4;
/** Growth has to buy this much more goodput to count as growth. */
const GAIN = 1.08;
/**
 * A round trip this long marks a long path: one TCP stream is held to its window ÷ RTT, so a fast line needs
 * many streams. There the climb is quicker (×4 a step). Measured on requests without a body
 * (InitiateMultipartUpload), from the request leaving a connected socket to the answer.
 */
export const LONG_PATH_RTT_MS = 100;
/** Below this per connection, on a long path, one stream is a small share of any office line. */
export const SLOW_CONNECTION_BYTES_PER_SECOND = 8_000_000;
/**
 * Latency growth: requests taking this many times longer per byte than the best level of the last minute
 * mean the bytes are queueing somewhere (the link, the user's limit, the server): back off.
 */
export const LATENCY_GROWTH = 2;
/** Requests smaller than this say more about the round trip than about the rate. */
const RATE_SAMPLE_MIN_BYTES = 256 * 1024;
/** Per-tick medians kept for the latency baseline: a minute at the default interval. */
const BASELINE_TICKS = 120;
/** Request rates kept for the per-connection estimate. */
const RATE_WINDOW = 32;

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
  /** Body bytes of requests OSS answered (and how many) since the last tick, and per sampled tick. */
  private acked = 0;
  private ackedCount = 0;
  private ackSamples: number[] = [];
  private ackSampleCount = 0;
  private settle = 0;
  private hold = 0;
  private demand = false;
  private lastDecision: ConcurrencyDecision | undefined;
  private readonly roundTrip = new PathRoundTrip();
  /** Recent requests' bytes per second (each request's own rate: one connection's share). */
  private readonly requestRates: number[] = [];
  /** Request rates completed since the last tick. */
  private tickRates: number[] = [];
  /** Median request rate of each recent tick: the best of them is the latency baseline. */
  private readonly baseline: number[] = [];
  private slowTicks = 0;
  /** When the limit last changed, and the request rates seen at the level before and since. */
  private changedAt = -Infinity;
  private wideStarted = false;
  private beforeChange: number[] = [];
  private afterChange: number[] = [];
  /** Median request rate of the last tick that had enough requests to tell. */
  private lastTickRate: number | undefined;
  /** What the requests delivered at the level before the last step up, bytes/s. */
  private previousDelivered: number | undefined;

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

  /**
   * A request with a body finished: `bytes` in `durationMs` from its first byte to OSS's answer. Its rate
   * is one connection's share of the path; requests slowing down per byte is latency growth.
   */
  public onRequest(bytes: number, durationMs: number): void {
    this.acked += bytes;
    this.ackedCount++;
    // A small request's time says more about the round trip than about the rate.
    if (durationMs <= 0 || bytes < RATE_SAMPLE_MIN_BYTES) return;
    const rate = (bytes * 1000) / durationMs;
    // Which level the request ran at: started since the last change, or before it (the level before).
    if (this.now() - durationMs >= this.changedAt) this.afterChange.push(rate);
    else this.beforeChange.push(rate);
    this.tickRates.push(rate);
    this.requestRates.push(rate);
    if (this.requestRates.length > RATE_WINDOW) this.requestRates.shift();
  }

  /** A request's time from its last byte leaving to the answer (set-up not included); the minimum is kept. */
  public onRoundTrip(ms: number): void {
    this.roundTrip.noteRequest(ms);
  }

  /** A CreateUpload* call took `ms`, VOD's work included: the path's round trip until OSS has answered. */
  public onServiceCall(ms: number): void {
    this.roundTrip.noteServiceCall(ms);
  }

  public get path(): PathEstimate {
    return {
      rttMs: this.roundTrip.measured,
      perConnectionBytesPerSecond: this.requestRates.length >= 4 ? median(this.requestRates) : undefined,
    };
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
    const ackRate = (this.acked * 1000) / dt;
    const acks = this.ackedCount;
    this.lastTickAt = t;
    this.bytes = 0;
    this.acked = 0;
    this.ackedCount = 0;
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
    const latency = this.latencyGrowth();
    if (this.settle > 0) {
      this.settle--;
      return;
    }
    if (this.hold > 0) {
      this.hold--;
      return;
    }
    // Judged on what the requests delivered (each one's rate × connections), not on what the sockets took:
    // their buffers accept bytes whether or not the path carries them.
    const delivered = this.delivered();
    const stepPaid =
      this.previousDelivered !== undefined &&
      delivered !== undefined &&
      delivered >= this.previousDelivered * 1.5;
    if (latency !== undefined && !stepPaid) {
      // Each request takes far longer per byte than at the best level lately: bytes are queueing. Undo the
      // last step if there was one (unless it clearly paid off all the same), else give up a quarter.
      const fields = { rateMBps: mbps(rate), slowdown: Math.round(latency * 10) / 10 };
      if (this.previousLimit !== undefined) {
        const back = this.previousLimit;
        this.previousRate = undefined;
        this.previousLimit = undefined;
        this.resetSamples();
        this.slowTicks = 0;
        this.hold = this.holdTicks;
        this.set(back, 'latency', fields);
      } else {
        this.backOff('latency', fields);
      }
      return;
    }
    if (!demand) {
      // Not every slot is wanted: nothing to learn about the path at this level.
      this.resetSamples();
      return;
    }
    if (this.widePath()) {
      this.growWide(rate);
      return;
    }
    this.samples.push(rate);
    this.ackSamples.push(ackRate);
    this.ackSampleCount += acks;
    if (this.samples.length < 2) return;
    // What the sockets took, unless the answered requests say less: new sockets' buffers (megabytes each on
    // loopback) swallow bytes the path does not carry, and on a machine short of CPU more connections only
    // share it (the engine climbed to 48 there and moved less than at 8). Requests few: sockets alone.
    const socketRate = (this.samples[0]! + this.samples[1]!) / 2;
    const ackedRate = (this.ackSamples[0]! + this.ackSamples[1]!) / 2;
    const measured = this.ackSampleCount >= 4 ? Math.min(socketRate, ackedRate) : socketRate;
    this.resetSamples();
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
    this.previousDelivered = this.delivered();
    this.set(next, 'grow', { rateMBps: mbps(measured) });
  }

  /**
   * A long path with slow connections (bandwidth-delay reasoning: one stream is held to its window ÷ RTT, so
   * a fast line needs a hundred of them): ×4 a step. The first step is taken on the round trip alone; each
   * later one once requests started since the last step have finished, and only if their rate × connections
   * beats that of the requests before by GAIN (else the line is full: step back). Judged on finished requests,
   * not on the bytes the sockets took: a socket swallows a small part whole, so those come in bursts.
   */
  private growWide(rate: number): void {
    const first = !this.wideStarted;
    this.wideStarted = true;
    if (!first) {
      if (this.afterChange.length < 4) return;
      const after = median(this.afterChange);
      const before = this.beforeChange.length >= 2 ? median(this.beforeChange) : after;
      // Rate × connections: a busy CPU slows each request as connections are added (1.5× at 128, which undid
      // 32 → 128 on the far path), yet the step pays while the total grows. After a step back: ⅔ of the rate.
      const from = this.previousLimit;
      const paid = from ? after * this.limitValue >= before * from * GAIN : after >= (before * 2) / 3;
      if (!paid) {
        const back = this.previousLimit ?? Math.max(this.min, Math.floor(this.limitValue * 0.75));
        this.previousLimit = undefined;
        this.previousRate = undefined;
        this.hold = this.holdTicks;
        this.set(back, 'latency', { rateMBps: mbps(rate), slowdown: Math.round((before / after) * 10) / 10 });
        return;
      }
    }
    const next = this.clamp(this.limitValue * 4);
    if (next === this.limitValue) {
      this.hold = this.holdTicks;
      return;
    }
    this.previousLimit = this.limitValue;
    this.previousRate = undefined;
    this.previousDelivered = this.delivered();
    this.set(next, 'grow', { rateMBps: mbps(rate), longPath: true });
    this.settle = 0;
  }

  /**
   * How many times slower per byte this tick's requests were than the best tick of the last minute, when
   * that is latency growth (at least LATENCY_GROWTH); undefined otherwise. Always files the tick's median.
   */
  private latencyGrowth(): number | undefined {
    const rates = this.tickRates;
    this.tickRates = [];
    if (rates.length < 4) return undefined;
    const now = median(rates);
    this.lastTickRate = now;
    const best = this.baseline.length > 0 ? Math.max(...this.baseline) : undefined;
    this.baseline.push(now);
    if (this.baseline.length > BASELINE_TICKS) this.baseline.shift();
    if (best === undefined || now * LATENCY_GROWTH > best) {
      this.slowTicks = 0;
      return undefined;
    }
    // One slow tick can be a hiccup of the machine; two in a row are a queue.
    this.slowTicks++;
    return this.slowTicks >= 2 ? best / now : undefined;
  }

  /** The goodput the last requests account for: one connection's rate × connections. */
  private delivered(): number | undefined {
    return this.lastTickRate === undefined ? undefined : this.lastTickRate * this.limitValue;
  }

  /** A long round trip and connections slow or not yet measured: the case where one stream is a sliver of the line. */
  private widePath(): boolean {
    const rtt = this.roundTrip.estimate;
    if (rtt === undefined || rtt < LONG_PATH_RTT_MS) return false;
    const perConnection = this.path.perConnectionBytesPerSecond;
    return perConnection === undefined || perConnection < SLOW_CONNECTION_BYTES_PER_SECOND;
  }

  private backOff(reason: ConcurrencyDecision, fields: Record<string, unknown>): void {
    this.slowTicks = 0;
    this.previousRate = undefined;
    this.previousLimit = undefined;
    this.resetSamples();
    this.hold = this.holdTicks;
    this.set(Math.max(this.min, Math.floor(this.limitValue * 0.75)), reason, fields);
  }

  private set(limit: number, reason: ConcurrencyDecision, fields: Record<string, unknown>): void {
    const from = this.limitValue;
    this.limitValue = this.clamp(limit);
    this.lastDecision = reason;
    this.settle = 1;
    if (from === this.limitValue) return;
    this.changedAt = this.now();
    this.beforeChange = this.afterChange;
    this.afterChange = [];
    this.logger.info('connections changed', { from, to: this.limitValue, reason, ...fields });
    this.onChange(this.limitValue);
  }

  private resetSamples(): void {
    this.samples = [];
    this.ackSamples = [];
    this.ackSampleCount = 0;
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
