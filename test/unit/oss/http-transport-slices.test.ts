import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_SLICE_BYTES,
  sendRequest,
  sliceBytesFor,
  type StreamedBody,
} from '../../../electron/core/oss/http-transport';

let server: http.Server;
let url: URL;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (chunk: Buffer) => (n += chunk.length));
    req.on('end', () => res.end(String(n)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/k`);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const CHUNK = 512 * 1024;

function body(bytesPerSecond: number | undefined, written: Uint8Array[]): StreamedBody {
  return {
    size: 2 * CHUNK,
    bytesPerSecond,
    async *chunks() {
      yield new Uint8Array(CHUNK).fill(1);
      yield new Uint8Array(CHUNK).fill(2);
    },
    written: (chunk) => written.push(chunk),
  };
}

async function writes(bytesPerSecond: number | undefined): Promise<{ progress: number[]; written: number }> {
  const progress: number[] = [];
  const written: Uint8Array[] = [];
  const answer = await sendRequest({
    url,
    method: 'PUT',
    headers: {},
    body: body(bytesPerSecond, written),
    idleTimeoutMs: 30_000,
    onProgress: (n) => progress.push(n),
  });
  expect(answer.body.toString()).toBe(String(2 * CHUNK));
  return { progress, written: written.length };
}

describe('how much of a body goes to the socket in one write', () => {
  it('hands a fast connection whole chunks, and an unmeasured one 128 KiB slices', async () => {
    const fast = await writes(50_000_000);
    expect(fast.progress).toEqual([CHUNK, CHUNK]);
    expect(fast.written).toBe(2);
    const unknown = await writes(undefined);
    expect(unknown.progress).toEqual(new Array(8).fill(BODY_SLICE_BYTES));
    expect(unknown.written).toBe(2);
  });

  it('keeps every write within a quarter of the stall timeout at the measured rate, and slices under a limit', () => {
    // 16 KB/s per connection (a slow uplink shared by many): a 512 KiB write would take 32 s.
    expect(sliceBytesFor(16_000, 30_000, false)).toBe(BODY_SLICE_BYTES);
    expect(sliceBytesFor(2_000_000, 30_000, false)).toBe(15_000_000);
    expect(sliceBytesFor(2_000_000, 1_000, false)).toBe(500_000);
    expect(sliceBytesFor(50_000_000, 30_000, true)).toBe(BODY_SLICE_BYTES);
    expect(sliceBytesFor(undefined, 30_000, false)).toBe(BODY_SLICE_BYTES);
  });
});
