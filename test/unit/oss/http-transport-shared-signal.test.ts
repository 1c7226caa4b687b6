import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpAgents, sendRequest } from '../../../electron/core/oss/http-transport';

/**
 * One abort signal (a job's, an engine's) is shared by every request in flight for it, and adaptive
 * concurrency runs dozens at once. Each request's listener is removed when it settles, so more than Node's
 * default of 10 is expected, not a leak: it must not print "MaxListenersExceededWarning: Possible
 * EventTarget memory leak" on an ops engineer's terminal.
 */
let server: http.Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

describe('a signal shared by many requests in flight', () => {
  it('raises no listener-leak warning with 40 requests on one signal, and leaves no listener behind', async () => {
    const waiting: http.ServerResponse[] = [];
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        waiting.push(res);
        // Answer only once all are in flight, so all 40 listeners are on the signal at once.
        if (waiting.length === 40) for (const r of waiting) r.end('ok');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/bucket/key`);
    const agents = createHttpAgents(64);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const answers = await Promise.all(
        Array.from({ length: 40 }, () =>
          sendRequest({
            url,
            method: 'PUT',
            headers: {},
            body: Buffer.from('part'),
            signal: controller.signal,
            agents,
            idleTimeoutMs: 30_000,
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      process.off('warning', onWarning);
      agents.destroy();
    }
  });
});
