import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OssClient } from '../../../electron/core/oss/oss-client';
import { ServerClock } from '../../../electron/core/net/server-clock';

/**
 * RequestTimeTooSkewed: the client learns the offset from ServerTime (else the answer's Date), re-dates the
 * request and retries once; when that cannot work, the error says which clock is off and by how much.
 */
let server: http.Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

const TWENTY_MINUTES = 20 * 60_000;

/** The request's date, whichever header carries it (Date for V1, x-oss-date for V4). */
function requestTime(req: http.IncomingMessage): number {
  const v4 = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(req.headers['x-oss-date'] ?? ''));
  if (v4) return Date.UTC(+v4[1]!, +v4[2]! - 1, +v4[3]!, +v4[4]!, +v4[5]!, +v4[6]!);
  return Date.parse(String(req.headers['x-oss-date'] ?? req.headers.date));
}

function skewedXml(serverTime: number | undefined): string {
  const time =
    serverTime === undefined ? '' : `<ServerTime>${new Date(serverTime).toISOString()}</ServerTime>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestId>5C3D</RequestId><HostId>h</HostId>${time}<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>`;
}

/** An OSS stand-in whose clock is `offsetMs` ahead; `answer` decides per request. */
async function ossServer(
  answer: (req: http.IncomingMessage, res: http.ServerResponse, serverNow: number) => void,
  offsetMs: number,
): Promise<string> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res, Date.now() + offsetMs));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function client(endpoint: string, clock = new ServerClock()): OssClient {
  return new OssClient({
    endpoint,
    bucket: 'bucket',
    region: 'cn-shanghai',
    credentials: () => ({ accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token' }),
    clock,
  });
}

describe('OSS client and a skewed clock', () => {
  it('learns the offset from ServerTime and retries once, dated by the server’s clock', async () => {
    const seen: number[] = [];
    const endpoint = await ossServer((req, res, now) => {
      seen.push(requestTime(req));
      if (Math.abs(requestTime(req) - now) > 15 * 60_000) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end(skewedXml(now));
      } else {
        res.writeHead(200, { etag: '"ABC"' }).end();
      }
    }, TWENTY_MINUTES);
    const clock = new ServerClock();
    const result = await client(endpoint, clock).putObject('k', Buffer.from('x'));
    expect(result.etag).toBe('"ABC"');
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThan(TWENTY_MINUTES - 5_000);
    expect(clock.offsetMs).toBeGreaterThan(TWENTY_MINUTES - 5_000);
  });

  it('without ServerTime it learns from the Date header', async () => {
    const endpoint = await ossServer((req, res, now) => {
      res.sendDate = false;
      if (Math.abs(requestTime(req) - now) > 15 * 60_000) {
        res.writeHead(403, { date: new Date(now).toUTCString() }).end(skewedXml(undefined));
      } else {
        res.writeHead(200, { etag: '"ABC"' }).end();
      }
    }, -TWENTY_MINUTES);
    const clock = new ServerClock();
    await client(endpoint, clock).putObject('k', Buffer.from('x'));
    expect(clock.offsetMs).toBeLessThan(-TWENTY_MINUTES + 5_000);
  });

  it('when correcting does not help, the error names the clock and the amount', async () => {
    let requests = 0;
    const endpoint = await ossServer((_req, res, now) => {
      requests++;
      res.writeHead(403, { 'content-type': 'application/xml' }).end(skewedXml(now));
    }, -TWENTY_MINUTES);
    const err = await client(endpoint)
      .putObject('k', Buffer.from('x'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403, requestId: '5C3D' });
    expect((err as Error).message).toMatch(/this computer's clock is 20 minutes ahead of Alibaba Cloud's/i);
    expect(requests).toBe(2);
  });

  it('when the server’s time is nowhere in the answer, the error says the clock is probably off', async () => {
    let requests = 0;
    const endpoint = await ossServer((_req, res) => {
      requests++;
      res.sendDate = false;
      res.writeHead(403, { 'content-type': 'application/xml' }).end(skewedXml(undefined));
    }, 0);
    const err = await client(endpoint)
      .putObject('k', Buffer.from('x'))
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/probably more than 15 minutes off Alibaba Cloud's/);
    expect(requests).toBe(1);
  });
});
