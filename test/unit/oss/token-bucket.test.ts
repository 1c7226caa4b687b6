import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../electron/core/oss/token-bucket';

describe('TokenBucket', () => {
  it('lets everything through when unlimited', async () => {
    const bucket = new TokenBucket(0);
    await bucket.take(10 * 1024 * 1024);
    expect(bucket.bytesPerSecond).toBe(0);
  });

  it('holds a request until enough time has passed on a fake clock', async () => {
    let now = 0;
    const bucket = new TokenBucket(1024 * 1024, () => now);
    // Empty at start: 256 KiB needs 250 ms of refill.
    let passed = false;
    const pending = bucket.take(256 * 1024).then(() => {
      passed = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(passed).toBe(false);
    now += 300;
    await pending;
    expect(passed).toBe(true);
  });

  it('applies a rate change to waiting requests, and aborts', async () => {
    let now = 0;
    const bucket = new TokenBucket(1, () => now);
    const controller = new AbortController();
    const aborted = bucket.take(1024, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    const waiting = bucket.take(1024);
    bucket.setRate(0);
    await waiting;
    now += 1;
  });
});
