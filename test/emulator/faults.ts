import { createPrng } from './prng';
import { type FaultSettings } from './settings';

/** The faults chosen for one request. */
export interface FaultDraw {
  /** Accept the request, stop reading, never answer. */
  readonly stall: boolean;
  /** For PutObject/UploadPart: the fraction of the body after which the connection is destroyed. */
  readonly resetAt: number | undefined;
  /** Answer with this status (500 InternalError or 503 ServiceUnavailable). */
  readonly error: 500 | 503 | undefined;
  /** For VOD calls: answer Throttling. */
  readonly throttle: boolean;
}

/**
 * Draws faults from a seeded PRNG. Every request consumes the same number of draws whatever the rates,
 * so the same seed and the same request order replay the same faults.
 */
export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly settings: () => FaultSettings,
    seed: number,
  ) {
    this.random = createPrng(seed);
  }

  draw(): FaultDraw {
    const s = this.settings();
    const [stall, reset, resetAt, error, errorKind, throttle] = Array.from({ length: 6 }, () =>
      this.random(),
    ) as [number, number, number, number, number, number];
    return {
      stall: stall < s.stallRate,
      resetAt: reset < s.resetRate ? resetAt : undefined,
      error: error < s.errorRate ? (errorKind < 0.5 ? 500 : 503) : undefined,
      throttle: throttle < s.throttleRate,
    };
  }
}
