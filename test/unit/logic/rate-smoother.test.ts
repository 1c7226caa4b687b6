import { describe, expect, it } from 'vitest';
import { ema, RateSmoother } from '../../../shared/logic/rate-smoother';
import { backoffDelay } from '../../../shared/logic/backoff';

describe('rate smoothing', () => {
  it('ema moves halfway in one half-life', () => {
    expect(ema(100, 0, 2000, 2000)).toBeCloseTo(50);
    expect(ema(100, 0, 2000, 0)).toBeCloseTo(0);
  });

  it('converges on a steady rate and hides the ETA during warm-up and when idle', () => {
    const smoother = new RateSmoother({ halfLifeMs: 1000, warmupMs: 2000, idleMs: 3000 });
    const total = 100_000_000;
    let bytes = 0;
    expect(smoother.sample(0, bytes, total)).toEqual({ speed: 0, etaSeconds: null });
    let last = { speed: 0, etaSeconds: null as number | null };
    for (let t = 100; t <= 10_000; t += 100) {
      bytes += 100_000; // 1 MB/s
      last = smoother.sample(t, bytes, total);
      if (t < 2000) expect(last.etaSeconds).toBeNull();
    }
    expect(last.speed).toBeGreaterThan(990_000);
    expect(last.speed).toBeLessThan(1_010_000);
    expect(last.etaSeconds).not.toBeNull();
    expect(last.etaSeconds!).toBeGreaterThan(85);
    expect(last.etaSeconds!).toBeLessThan(95);
    // Nothing moves for longer than idleMs: speed drops to 0, ETA hidden.
    const stalled = smoother.sample(14_000, bytes, total);
    expect(stalled.speed).toBe(0);
    expect(stalled.etaSeconds).toBeNull();
  });

  it('damps a spike instead of jumping', () => {
    const smoother = new RateSmoother({ halfLifeMs: 2000, warmupMs: 0 });
    let bytes = 0;
    smoother.sample(0, 0, 1e9);
    for (let t = 1000; t <= 20_000; t += 1000) smoother.sample(t, (bytes += 1_000_000), 1e9);
    const spike = smoother.sample(21_000, (bytes += 10_000_000), 1e9);
    expect(spike.speed).toBeLessThan(5_000_000);
  });
});

describe('backoff', () => {
  it('grows exponentially within jitter bounds and caps', () => {
    const max = () => 0.999999;
    const min = () => 0;
    expect(backoffDelay(1, { baseMs: 100, maxMs: 10_000, random: max })).toBe(100);
    expect(backoffDelay(4, { baseMs: 100, maxMs: 10_000, random: max })).toBe(800);
    expect(backoffDelay(30, { baseMs: 100, maxMs: 10_000, random: max })).toBe(10_000);
    expect(backoffDelay(4, { baseMs: 100, maxMs: 10_000, minMs: 50, random: min })).toBe(50);
  });
});
