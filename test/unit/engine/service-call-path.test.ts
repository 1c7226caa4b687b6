import { describe, expect, it } from 'vitest';
import { ConcurrencyController } from '../../../electron/core/engine/adaptive-concurrency';
import { MemoryLogger } from '../../../electron/core/log/memory-logger';
import { Redactor } from '../../../electron/core/log/redactor';

/**
 * A batch of small files: each file's CreateUpload* call is answered long before its PutObject, so the
 * calls' time is the first the engine knows of the path. No request has been answered by OSS in these
 * ticks (a 4 MiB PutObject at 2 MB/s takes over 2 s), only requests wait for slots.
 */
function batchStart() {
  let now = 0;
  const logger = new MemoryLogger(new Redactor());
  const controller = new ConcurrencyController(
    () => 128,
    () => undefined,
    logger,
    {},
    () => now,
  );
  const tick = (): number => {
    controller.noteDemand();
    controller.onBytes(8 * 1_000_000);
    now += 500;
    controller.tick();
    return controller.limit;
  };
  return { controller, tick, logger };
}

describe('ConcurrencyController fed by the files’ CreateUpload* calls', () => {
  it('takes the first long-path step on CreateUpload* calls of 200 ms, before any PutObject is answered', () => {
    const far = batchStart();
    far.controller.onServiceCall(260); // the first call: a new TLS connection to VOD
    far.controller.onServiceCall(205);
    expect(far.tick()).toBe(32);
    const grew = far.logger.records.find((r) => r.message === 'connections changed');
    expect(grew?.fields).toMatchObject({ from: 8, to: 32, reason: 'grow', longPath: true });
  });

  it('does not take a regional path for a long one: 40 ms plus VOD’s own work', () => {
    const regional = batchStart();
    regional.controller.onServiceCall(120);
    expect(regional.tick()).toBe(8);
  });

  it('goes by the OSS round trip once one is measured', () => {
    const near = batchStart();
    near.controller.onServiceCall(400); // VOD slow to answer
    near.controller.onRoundTrip(6);
    expect(near.tick()).toBe(8);
  });

  it('is not fooled for long by a slow VOD on a fast path: measured fast connections end the wide climb', () => {
    const slowVod = batchStart();
    slowVod.controller.onServiceCall(400);
    expect(slowVod.tick()).toBe(32);
    // Requests of 4 MiB answered at 40 MB/s each: not a path where one stream is a sliver of the line.
    for (let i = 0; i < 8; i++) slowVod.controller.onRequest(4 * 1024 * 1024, 100);
    slowVod.tick();
    slowVod.tick();
    expect(slowVod.controller.limit).toBeLessThan(128);
  });
});
