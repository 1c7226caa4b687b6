import type { Logger } from '../log/logger';
import { ConcurrencyController, type ConcurrencyOptions } from './adaptive-concurrency';
import { PartLimiter } from './part-limiter';

/**
 * The engine's connections: the shared slot limiter every request holds a slot of, and the adaptive
 * controller that sets its size from goodput and errors, one decision per interval while the engine runs.
 */
export class Connections {
  public readonly limiter: PartLimiter;
  public readonly controller: ConcurrencyController;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;

  public constructor(
    cap: () => number,
    onChange: () => void,
    logger: Logger,
    options: ConcurrencyOptions = {},
  ) {
    this.controller = new ConcurrencyController(
      cap,
      (limit) => {
        this.limiter.setLimit(limit);
        onChange();
      },
      logger,
      options,
    );
    this.intervalMs = options.intervalMs ?? 500;
    this.limiter = new PartLimiter(this.controller.limit, () => this.controller.noteDemand());
  }

  public start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.controller.tick(), this.intervalMs);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The user's cap changed: a lower one applies at once (in-flight requests finish), a higher one is probed. */
  public recheckCap(): void {
    this.controller.recheckCap();
    this.limiter.setLimit(this.controller.limit);
  }

  /** Requests in flight now and the number allowed at present. */
  public snapshot(): { active: number; limit: number } {
    return { active: this.limiter.inFlight, limit: this.controller.limit };
  }

  /**
   * Files at once follow the connections: a small file is one request, so as many files as connections,
   * plus some preparing (CreateUpload*) ahead so a slot never waits for a round trip to VOD.
   */
  public filesAtOnce(cap: number): number {
    const limit = this.controller.limit;
    return Math.min(cap, limit + Math.ceil(limit / 2) + 1);
  }
}
