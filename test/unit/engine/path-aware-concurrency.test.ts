import { describe, expect, it } from 'vitest';
import { ConcurrencyController } from '../../../electron/core/engine/adaptive-concurrency';
import { partSizeForPath } from '../../../electron/core/engine/path-part-size';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';

const MB = 1_000_000;
const MiB = 1024 * 1024;

interface PathModel {
  /** What one connection carries when the link is not full, bytes/s. */
  readonly perConnection: number;
  /** The link: shared by every connection, bytes/s. */
  readonly link: number;
  readonly rttMs: number;
  /** What the machine can push in all, bytes/s (a loaded CPU): every request slows when connections are added. */
  readonly machine?: number;
  /**
   * Bytes the sockets accept per tick; by default what actually moves. A socket's buffers take bytes
   * whatever the link does, so what the sockets took can keep growing while each request slows down.
   */
  readonly accepted?: (limit: number) => number;
}

/**
 * One tick a second: every slot busy, requests finishing with their own rate (started 0.9 s ago, or longer on
 * a slow connection), as the engine feeds it.
 */
function drive(model: PathModel, start = 8) {
  let now = 0;
  const logger = new MemoryLogger(new Redactor());
  const controller = new ConcurrencyController(
    () => 128,
    () => undefined,
    logger,
    { start, holdTicks: 5 },
    () => now,
  );
  controller.onRoundTrip(model.rttMs);
  const run = (ticks: number, slowdown = 1): number[] => {
    const limits: number[] = [];
    for (let i = 0; i < ticks; i++) {
      const limit = controller.limit;
      const total = Math.min(model.link, model.machine ?? Infinity);
      const perRequest = Math.min(model.perConnection, total / limit) / slowdown;
      controller.noteDemand();
      controller.onBytes(model.accepted?.(limit) ?? perRequest * limit);
      now += 1000;
      // Requests of at least 300 kB (a smaller one says more about the round trip than the rate), one per
      // connection: what they carry is the goodput OSS acknowledged.
      const bytes = Math.max(perRequest * 0.9, 300_000);
      for (let r = 0; r < limit; r++) controller.onRequest(bytes, (bytes * 1000) / perRequest);
      controller.tick();
      limits.push(controller.limit);
    }
    return limits;
  };
  const reasons = (): string[] =>
    logger.records
      .filter((r) => r.message === 'connections changed')
      .map((r) => String(r.fields?.['reason']));
  return { controller, run, reasons };
}

describe('ConcurrencyController on long paths', () => {
  it('opens a hundred connections within three decisions where one stream gets 2 MB/s over 200 ms', () => {
    const far = drive({ perConnection: 2 * MB, link: 200 * MB, rttMs: 200 });
    const limits = far.run(3);
    expect(limits[limits.length - 1]).toBeGreaterThanOrEqual(100);
    // The same path seen as short (the round trip is what marks a long one) climbs by doubling, slower.
    const short = drive({ perConnection: 2 * MB, link: 200 * MB, rttMs: 20 });
    expect(Math.max(...short.run(3))).toBeLessThanOrEqual(32);
  });

  it('steps back on a long path whose line, not the connections, is slow', () => {
    // Far from the region on a 4 MB/s line: 8 connections already share it; the first ×4 step is taken on the
    // round trip alone, and undone once the requests show they only got slower.
    const { controller, run, reasons } = drive({ perConnection: 2 * MB, link: 4 * MB, rttMs: 200 });
    run(12);
    expect(reasons()).toContain('latency');
    expect(controller.limit).toBeLessThanOrEqual(8);
  });

  it('keeps the wide step on a far line when a busy machine, not the line, slows each request', () => {
    // 200 MB/s far away, a machine that pushes 150 MB/s: at 128 each request gets 1.17 MB/s against 2 at 32
    // (0.59×), yet the 128 deliver 150 MB/s against 64. Judged on each request's rate, it went back to 32.
    const { controller, run, reasons } = drive({
      perConnection: 2 * MB,
      link: 200 * MB,
      rttMs: 200,
      machine: 150 * MB,
    });
    run(12);
    expect(reasons()).not.toContain('latency');
    expect(controller.limit).toBe(128);
  });

  it('does not climb fast on a long path whose connections are already fast', () => {
    const { run } = drive({ perConnection: 25 * MB, link: 100 * MB, rttMs: 200 });
    const limits = run(3);
    expect(Math.max(...limits)).toBeLessThanOrEqual(16);
  });

  it('reports the per-connection rate and the round trip it measured', () => {
    const { controller, run } = drive({ perConnection: 2 * MB, link: 1000 * MB, rttMs: 200 });
    run(1);
    expect(controller.path.rttMs).toBe(200);
    expect(controller.path.perConnectionBytesPerSecond).toBeCloseTo(2 * MB, -3);
  });
});

describe('ConcurrencyController and latency growth', () => {
  it('backs off when requests slow down per byte even though the sockets keep taking more bytes', () => {
    // The link carries 20 MB/s; the sockets' buffers accept 2 MB/s per connection whatever the link does,
    // so goodput counted at the socket alone would keep paying off. Each request's rate tells the truth.
    const { controller, run, reasons } = drive({
      perConnection: 2 * MB,
      link: 20 * MB,
      rttMs: 20,
      accepted: (limit) => limit * 2 * MB,
    });
    run(40);
    expect(reasons()).toContain('latency');
    expect(controller.limit).toBeLessThanOrEqual(32);
  });

  it('without the latency signal the same socket counts would have run to the cap', () => {
    // The control for the test above: requests that do not slow down (a link that is never full).
    const { controller, run, reasons } = drive({
      perConnection: 2 * MB,
      link: 10_000 * MB,
      rttMs: 20,
      accepted: (limit) => limit * 2 * MB,
    });
    run(40);
    expect(reasons()).not.toContain('latency');
    expect(controller.limit).toBe(128);
  });

  it('gives up a quarter when requests at a steady level take twice as long per byte for two ticks', () => {
    const { controller, run, reasons } = drive({ perConnection: 2 * MB, link: 16 * MB, rttMs: 20 }, 8);
    run(30);
    const steady = controller.limit;
    // Someone else starts using the line: every request now takes three times as long.
    run(1, 3);
    expect(controller.limit).toBe(steady);
    run(1, 3);
    expect(reasons()).toContain('latency');
    expect(controller.limit).toBe(Math.floor(steady * 0.75));
  });
});

describe('partSizeForPath', () => {
  it('keeps the user part size where nothing is known or the path is short and fast', () => {
    expect(
      partSizeForPath(GiB(1), 8 * MiB, { rttMs: undefined, perConnectionBytesPerSecond: undefined }),
    ).toBe(8 * MiB);
    expect(partSizeForPath(GiB(1), 8 * MiB, { rttMs: 5, perConnectionBytesPerSecond: 50 * MB })).toBe(
      8 * MiB,
    );
  });

  it('cuts parts of about two seconds of one connection, at least 1 MiB', () => {
    expect(partSizeForPath(GiB(1), 8 * MiB, { rttMs: 20, perConnectionBytesPerSecond: 2 * MB })).toBe(
      3 * MiB,
    );
    expect(partSizeForPath(GiB(1), 8 * MiB, { rttMs: 20, perConnectionBytesPerSecond: 100_000 })).toBe(MiB);
  });

  it('gives a file on a long path enough parts for the connection cap before any rate is known', () => {
    expect(partSizeForPath(GiB(1), 8 * MiB, { rttMs: 200, perConnectionBytesPerSecond: undefined })).toBe(
      4 * MiB,
    );
    expect(partSizeForPath(512 * MiB, 8 * MiB, { rttMs: 200, perConnectionBytesPerSecond: undefined })).toBe(
      2 * MiB,
    );
    // A huge file keeps the user's part size (the plan raises it further to fit 10,000 parts).
    expect(partSizeForPath(GiB(100), 8 * MiB, { rttMs: 200, perConnectionBytesPerSecond: undefined })).toBe(
      8 * MiB,
    );
  });
});

function GiB(n: number): number {
  return n * 1024 * MiB;
}
