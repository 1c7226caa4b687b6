import { describe, expect, it } from 'vitest';
import { failureReason, shortReason } from '../../bench/lib/child';
import { betterCeiling, ceilingLanes } from '../../bench/sections/ceiling';
import { SCENARIOS } from '../../bench/sections/scenarios';

// What ali-oss printed when it gave up in the 18:02 quiet run (far-lossy), URL and socket details included.
const ALI_OSS_STDERR = `/work/main/node_modules/ali-oss/lib/client.js:395
      err = new Error(result.message);
            ^

Error [ResponseError]: Failed to upload some parts with error: ResponseError: socket hang up, PUT https://outin-c1.oss-cn-shanghai.localhost:44427/sv/42b/f33.mp4?partNumber=203&uploadId=4852 -1 (connected: true, keepalive socket: true, socketHandledRequests: 41, socketHandledResponses: 40)
headers: {} part_num: 203
    at Client.requestError (/work/main/node_modules/ali-oss/lib/client.js:395:13)
    at async /work/main/node_modules/ali-oss/lib/managed-upload.js:153:24 {
  status: -1,
  code: 'ResponseError',
  partNum: 203
}

Node.js v20.20.2
`;

describe('a failed bench child, in a table cell', () => {
  it("says what the client gave up on, without the URL (the tables printed 'failed (… without a)')", () => {
    expect(failureReason(ALI_OSS_STDERR)).toBe('socket hang up');
    expect(
      failureReason(
        'Error [ResponseError]: write ECONNRESET, PUT https://x.localhost:1/a.mp4 -1 (connected: true)',
      ),
    ).toBe('write ECONNRESET');
    expect(failureReason('TypeError: fetch failed\n    at x (y.js:1:1)')).toBe('fetch failed');
    expect(failureReason('nothing useful here\n')).toBeUndefined();
  });

  it('keeps the reason and drops which child said it', () => {
    expect(shortReason('socket hang up (bench child oss-baseline, exit 1)')).toBe('socket hang up');
    expect(shortReason('engine upload ended failed: boom')).toBe('engine upload ended failed: boom');
  });
});

describe("the machine's ceiling", () => {
  it('runs enough PUTs at once to fill each link twice over at its per-connection rate, within 8–128', () => {
    const lanes = Object.fromEntries(SCENARIOS.map((s) => [s.name, ceilingLanes(s)]));
    expect(lanes).toEqual({ near: 40, regional: 8, far: 128, 'far-lossy': 128 });
  });
});

describe("the machine's ceiling, measured before and after the contenders", () => {
  const run = (mbps: number, error?: string) => ({
    lanes: 8,
    mbps,
    ofLink: mbps / 100,
    cpuSecondsPerGB: 1,
    resent: 0,
    runsMBps: error === undefined ? [mbps] : [],
    ...(error === undefined ? {} : { error }),
  });

  it('keeps the better run that finished, and every finished run', () => {
    expect(betterCeiling([run(60), run(80)])).toMatchObject({ mbps: 80, runsMBps: [60, 80] });
    expect(betterCeiling([run(0, 'socket hang up'), run(70)])).toMatchObject({ mbps: 70, runsMBps: [70] });
    expect(betterCeiling([run(0, 'socket hang up'), run(0, 'x')]).error).toBe('socket hang up');
  });
});
