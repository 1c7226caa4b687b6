import { describe, expect, it } from 'vitest';
import {
  clockAdvice,
  describeClockOffset,
  parseHttpDate,
  ServerClock,
} from '../../../../electron/core/net/server-clock';

describe('server clock', () => {
  it('names which clock is off, in words, from the offset (server minus local)', () => {
    expect(describeClockOffset(-20 * 60_000)).toBe(
      "this computer's clock is 20 minutes ahead of Alibaba Cloud's",
    );
    expect(describeClockOffset(20 * 60_000 + 20_000)).toBe(
      "this computer's clock is 20 minutes behind Alibaba Cloud's",
    );
    expect(describeClockOffset(-45_000)).toBe("this computer's clock is 45 seconds ahead of Alibaba Cloud's");
    expect(describeClockOffset(8 * 3600_000)).toBe("this computer's clock is 8 hours behind Alibaba Cloud's");
    expect(describeClockOffset(-100 * 60_000)).toBe(
      "this computer's clock is 1.7 hours ahead of Alibaba Cloud's",
    );
  });

  it('gives advice that starts a sentence, and says so when the offset is unknown', () => {
    expect(clockAdvice(-20 * 60_000)).toMatch(
      /^This computer's clock is 20 minutes ahead of Alibaba Cloud's\. Set/,
    );
    expect(clockAdvice(undefined)).toMatch(/probably more than 15 minutes off/);
    expect(clockAdvice(1_000)).toMatch(/agrees with Alibaba Cloud's/);
  });

  it('learns an offset and converts between the clocks', () => {
    const clock = new ServerClock();
    expect(clock.learn(1_000_000, 400_000)).toBe(600_000);
    expect(clock.offsetMs).toBe(600_000);
    expect(clock.toLocal(1_600_000)).toBe(1_000_000);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(599_990);
  });

  it('reads HTTP dates', () => {
    expect(parseHttpDate('Sat, 21 Nov 2026 10:31:24 GMT')).toBe(Date.UTC(2026, 10, 21, 10, 31, 24));
    expect(parseHttpDate(undefined)).toBeUndefined();
    expect(parseHttpDate('soon')).toBeUndefined();
  });
});
