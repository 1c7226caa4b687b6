import { describe, expect, it } from 'vitest';
import { PartLimiter } from '../../../electron/core/engine/part-limiter';

describe('PartLimiter', () => {
  it('caps slots, serves by priority then arrival, and applies a raised limit at once', async () => {
    const limiter = new PartLimiter(1);
    const order: string[] = [];
    const first = await limiter.acquire(5);
    const late = limiter.acquire(9).then((release) => (order.push('p9'), release));
    const early = limiter.acquire(1).then((release) => (order.push('p1'), release));
    const early2 = limiter.acquire(1).then((release) => (order.push('p1b'), release));
    expect(limiter.inFlight).toBe(1);
    expect(limiter.waiting).toBe(3);
    first();
    const r1 = await early;
    expect(order).toEqual(['p1']);
    limiter.setLimit(3);
    const [r2, r3] = await Promise.all([early2, late]);
    expect(order).toEqual(['p1', 'p1b', 'p9']);
    expect(limiter.inFlight).toBe(3);
    r1();
    r1();
    r2();
    r3();
    expect(limiter.inFlight).toBe(0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const limiter = new PartLimiter(1);
    const held = await limiter.acquire(0);
    const controller = new AbortController();
    const waiting = limiter.acquire(0, controller.signal);
    controller.abort(new Error('paused'));
    await expect(waiting).rejects.toThrow('paused');
    expect(limiter.waiting).toBe(0);
    held();
    expect(limiter.inFlight).toBe(0);
  });

  it('owes small files a quarter of the slots even behind a file earlier in the queue', async () => {
    const limiter = new PartLimiter(4);
    const big = await Promise.all([0, 1, 2, 3].map(() => limiter.acquire(1)));
    const order: string[] = [];
    const bigNext = limiter.acquire(1).then((r) => (order.push('big'), r));
    const small = limiter.acquire(7, undefined, true).then((r) => (order.push('small'), r));
    const small2 = limiter.acquire(8, undefined, true).then((r) => (order.push('small2'), r));
    big[0]!();
    const first = await small;
    // One slot in four is the small files' share: the next free slot goes back to queue order.
    big[1]!();
    const second = await bigNext;
    expect(order).toEqual(['small', 'big']);
    first();
    const third = await small2;
    expect(order).toEqual(['small', 'big', 'small2']);
    for (const release of [second, third, big[2]!, big[3]!]) release();
    expect(limiter.inFlight).toBe(0);
  });
});
