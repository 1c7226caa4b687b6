import { describe, expect, it } from 'vitest';
import { ConcurrencyController } from '../../../electron/core/engine/adaptive-concurrency';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';

/** A path where each connection gets `perConnection` bytes/s and the link `link` bytes/s. */
function simulate(options: { perConnection: number; link: number; cap?: number; start?: number }) {
  let now = 0;
  const logger = new MemoryLogger(new Redactor());
  const controller = new ConcurrencyController(
    () => options.cap ?? 128,
    () => undefined,
    logger,
    { start: options.start ?? 2, holdTicks: 5 },
    () => now,
  );
  const run = (ticks: number, each: () => void = () => undefined): number[] => {
    const limits: number[] = [];
    for (let i = 0; i < ticks; i++) {
      controller.noteDemand();
      controller.onBytes(Math.min(options.link, controller.limit * options.perConnection));
      each();
      now += 1000;
      controller.tick();
      limits.push(controller.limit);
    }
    return limits;
  };
  return { controller, logger, run };
}

const MB = 1_000_000;

describe('ConcurrencyController', () => {
  it('adds connections while goodput grows and stops near where the link is full', () => {
    const { controller, logger, run } = simulate({ perConnection: 2 * MB, link: 100 * MB });
    run(60);
    // 50 connections fill the link; the climb stops within one step of that and does not run to the cap.
    expect(controller.limit).toBeGreaterThanOrEqual(40);
    expect(controller.limit).toBeLessThan(128);
    const reasons = logger.records.filter((r) => r.message === 'connections changed').map((r) => r.fields);
    expect(reasons.some((f) => f['reason'] === 'grow')).toBe(true);
    expect(reasons.some((f) => f['reason'] === 'plateau')).toBe(true);
  });

  it('judges a step on what OSS answered when the sockets take more than the path carries', () => {
    // The sockets take 20 MB/s each (their buffers fill), but the answered requests stay at 40 MB/s whatever
    // the level: a machine short of CPU, or loopback with megabytes of socket buffer per connection.
    const sim = simulate({ perConnection: 20 * MB, link: 1000 * MB, start: 8 });
    const limits = sim.run(40, () => {
      for (let i = 0; i < 5; i++) sim.controller.onRequest(8 * MB, 1000);
    });
    // One probe above 8, undone, and held: it does not climb on the sockets' bytes.
    expect(Math.max(...limits)).toBe(16);
    expect(limits.at(-1)).toBe(8);
    expect(sim.logger.records.some((r) => r.fields['reason'] === 'plateau')).toBe(true);
  });

  it('never exceeds the cap the user set', () => {
    const { run } = simulate({ perConnection: 1 * MB, link: 1000 * MB, cap: 12 });
    expect(Math.max(...run(40))).toBe(12);
  });

  it('backs off when errors pile up, but not for one reset in a hundred requests', () => {
    const { controller, run } = simulate({ perConnection: 2 * MB, link: 40 * MB, start: 16 });
    let n = 0;
    run(30, () => {
      for (let i = 0; i < 10; i++) {
        n++;
        if (n % 100 === 0) controller.onError(false);
        else controller.onSuccess();
      }
    });
    const before = controller.limit;
    expect(before).toBeGreaterThanOrEqual(16);
    const limits = run(3, () => {
      for (let i = 0; i < 10; i++) {
        if (i % 3 === 0) controller.onError(false);
        else controller.onSuccess();
      }
    });
    expect(Math.min(...limits)).toBeLessThan(before);
  });

  it('cuts at once on an overload answer', () => {
    const { controller } = simulate({ perConnection: 1, link: 1, start: 20 });
    controller.onError(true);
    controller.tick();
    expect(controller.limit).toBe(15);
  });
});
