import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../emulator/faults';
import { ServiceError } from '../../emulator/http/errors';
import { resolveTarget } from '../../emulator/oss/target';
import { DEFAULT_SETTINGS } from '../../emulator/settings';

describe('resolveTarget', () => {
  it('reads path-style addressing from an IP or localhost Host', () => {
    expect(resolveTarget('127.0.0.1:9000', '/outin-1/sv/a%20b.mp4?uploads=', 'cn-shanghai')).toEqual({
      bucket: 'outin-1',
      key: 'sv/a b.mp4',
    });
    expect(resolveTarget('localhost:1', '/outin-1/', 'cn-shanghai')).toEqual({ bucket: 'outin-1', key: '' });
  });

  it('reads the bucket from a virtual-hosted Host, as ali-oss sends it with an IP endpoint', () => {
    expect(resolveTarget('outin-1.oss-cn-shanghai.aliyuncs.com', '/sv/a.mp4', 'cn-shanghai')).toEqual({
      bucket: 'outin-1',
      key: 'sv/a.mp4',
    });
  });

  it("refuses another region's endpoint with AccessDenied", () => {
    expect(() => resolveTarget('outin-1.oss-cn-hangzhou.aliyuncs.com', '/k', 'cn-shanghai')).toThrow(
      ServiceError,
    );
    try {
      resolveTarget('outin-1.oss-cn-hangzhou.aliyuncs.com', '/k', 'cn-shanghai');
    } catch (e) {
      expect((e as ServiceError).code).toBe('AccessDenied');
      expect((e as ServiceError).extra.Endpoint).toBe('oss-cn-shanghai.aliyuncs.com');
    }
  });
});

describe('FaultInjector', () => {
  it('replays the same faults for the same seed, and different ones for another seed', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      errorRate: 0.3,
      resetRate: 0.3,
      stallRate: 0.1,
      throttleRate: 0.2,
    };
    const run = (seed: number) => {
      const f = new FaultInjector(() => settings, seed);
      return Array.from({ length: 200 }, () => f.draw());
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    const draws = run(7);
    const errors = draws.filter((d) => d.error !== undefined).length;
    expect(errors).toBeGreaterThan(30);
    expect(errors).toBeLessThan(90);
    expect(new Set(draws.map((d) => d.error)).has(500)).toBe(true);
    expect(new Set(draws.map((d) => d.error)).has(503)).toBe(true);
  });

  it('injects nothing when every rate is 0', () => {
    const f = new FaultInjector(() => DEFAULT_SETTINGS, 1);
    for (let i = 0; i < 100; i++) {
      expect(f.draw()).toEqual({ stall: false, resetAt: undefined, error: undefined, throttle: false });
    }
  });
});
