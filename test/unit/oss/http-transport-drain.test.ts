import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainAllowanceMs, sendRequest } from '../../../electron/core/oss/http-transport';

/**
 * A part whose bytes all went into the send buffer is still moving while the buffer drains: that wait must
 * not count as a stall. A server that stops reading altogether must still be caught.
 */
let server: http.Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

/** A server that reads the first bytes, then nothing for `pauseMs` (or for ever), then the rest. */
async function slowReader(pauseMs: number | 'forever'): Promise<string> {
  server = http.createServer((req, res) => {
    let n = 0;
    req.once('data', (chunk: Buffer) => {
      n += chunk.length;
      req.pause();
      if (pauseMs === 'forever') return;
      setTimeout(() => {
        req.on('data', (more: Buffer) => (n += more.length));
        req.on('end', () => res.end(`got ${n}`));
        req.resume();
      }, pauseMs);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/bucket/key`;
}

describe('stall detection and the send buffer', () => {
  it('waits for a body that sits in the send buffer longer than the stall timeout', async () => {
    const url = await slowReader(2_500);
    const body = Buffer.alloc(256 * 1024, 1);
    const answer = await sendRequest({
      url: new URL(url),
      method: 'PUT',
      headers: {},
      body,
      idleTimeoutMs: 1_000,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(`got ${body.length}`);
  });

  it('still reports a server that stopped reading as stalled', async () => {
    const url = await slowReader('forever');
    const started = performance.now();
    await expect(
      sendRequest({
        url: new URL(url),
        method: 'PUT',
        headers: {},
        body: Buffer.alloc(256 * 1024, 1),
        idleTimeoutMs: 500,
      }),
    ).rejects.toMatchObject({ code: 'RequestStalled' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('estimates the drain from the paced part of the body, within bounds', () => {
    // All of it buffered at once: the slow-link floor, capped at three stall timeouts.
    expect(drainAllowanceMs(256 * 1024, 1, 30_000)).toBe(4_000);
    expect(drainAllowanceMs(256 * 1024, 1, 1_000)).toBe(3_000);
    // 8 MiB of which 4 MiB were paced over 4 s (1 MiB/s): the 4 MiB left take about 4 s more.
    expect(drainAllowanceMs(8 * 1024 * 1024, 4_000, 30_000)).toBe(4_000);
  });
});
