import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64Digest, crc64Update, type Crc64State } from '../../../electron/core/oss/crc64';
import { generate, startOrigin, type OriginFile, type RunningOrigin } from '../../helpers/http-origin';
import { eventsOf, runCli, startCli, summaryOf, type CliRun } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

const MiB = 1024 * 1024;
const SIZE = 200_000_000;
const PART = 8 * MiB;

/** The CRC-64 of what the origin serves, computed slice by slice (the 200 MB are never one buffer). */
function originCrc(file: OriginFile): string {
  let state: Crc64State | undefined;
  for (let at = 0; at < file.size; at += 4 * MiB) {
    state = crc64Update(state, generate(file, at, Math.min(file.size, at + 4 * MiB)));
  }
  return crc64Digest(state);
}

/** The bytes a request asked for with `Range: bytes=a-b`. */
function rangeBytes(range: string | undefined): number {
  const m = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
  return m ? Number(m[2]) - Number(m[1]) + 1 : Number.NaN;
}

/** Relay through the real CLI: a 200 MB link, the process killed -9 mid-transfer, then resumed with Range. */
describe('vod-upload relays a link and resumes it after kill -9', () => {
  let rig: CliRig;
  let origin: RunningOrigin;
  let run: CliRun | undefined;

  beforeAll(async () => {
    rig = await startCliRig('relay');
    // 3 MiB/s per request: with 4 parts at once the first run takes far longer than it takes to see parts on record.
    origin = await startOrigin({ '/rushes/big.mp4': { size: SIZE, seed: 2026, rate: 3 * MiB } });
  });

  afterAll(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await origin?.stop();
    await rig?.stop();
  });

  it('fetches on the second run only what was not on record, with ranged GETs, and ends with one media and the right CRC-64', async () => {
    const dataDir = join(rig.root, 'data');
    const url = `${origin.base}/rushes/big.mp4`;
    const common = [...rig.connection, '--data-dir', dataDir, '--json'];
    run = startCli(
      ['upload', url, '--url-mode', 'relay', '--part-size', '8MiB', '--parts', '4', ...common],
      rig.env,
    );
    // Killed once at least two parts are on record (bytesDone counts only parts OSS confirmed and the queue recorded).
    await run.waitForLine((line) => {
      const event = JSON.parse(line) as { event: string; bytesDone?: number };
      return event.event === 'progress' && (event.bytesDone ?? 0) >= 2 * PART;
    }, 300_000);
    run.child.kill('SIGKILL');
    const killed = await run.result;
    expect(killed.signal).toBe('SIGKILL');

    const status = await runCli(['status', '--json', '--data-dir', dataDir], rig.env);
    const [job] = JSON.parse(status.stdout).jobs as { bytesDone: number; size: number }[];
    const onRecord = job!.bytesDone;
    expect(job!.size).toBe(SIZE);
    expect(onRecord).toBeGreaterThanOrEqual(2 * PART);
    expect(onRecord).toBeLessThan(SIZE);

    origin.files.get('/rushes/big.mp4')!.rate = 0;
    const firstRunRequests = origin.started.length;
    const resumed = await runCli(['resume', ...common], rig.env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = summaryOf(resumed.stdout);
    expect(summary.done.map((d) => d.path)).toEqual([url]);
    expect(eventsOf(resumed.stdout).find((e) => e['event'] === 'started')).toMatchObject({
      resumedFrom: onRecord,
    });

    // At the origin: the second run asked the first byte (the pin checked, then again before Complete) and, in
    // ranged GETs answered 206 with the pinned ETag as If-Range, exactly the bytes not on record.
    const second = origin.started.slice(firstRunRequests);
    const probes = second.filter((r) => r.range === 'bytes=0-0');
    const parts = second.filter((r) => r.range !== 'bytes=0-0');
    expect(probes.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((r) => r.range !== undefined && r.ifRange !== undefined)).toBe(true);
    const fetched = parts.reduce((sum, r) => sum + rangeBytes(r.range), 0);
    expect(fetched).toBeGreaterThanOrEqual(SIZE - onRecord);
    // Only a part retried after a hiccup may come twice.
    expect(fetched).toBeLessThanOrEqual(SIZE - onRecord + PART);
    const answered = origin.log.filter((l) => l.range !== undefined && l.range !== 'bytes=0-0');
    expect(answered.filter((l) => l.status !== 206)).toEqual([]);

    // One media, its object the origin's 200 MB with the CRC-64 the emulator computed of what it stored.
    const state = rig.emulator.state();
    expect(state.media).toHaveLength(1);
    expect(state.media[0]!.mediaId).toBe(summary.done[0]!.mediaId);
    const object = state.objects.find((o) => o.key === state.media[0]!.key);
    expect(object?.size).toBe(SIZE);
    expect(object?.crc64).toBe(originCrc(origin.files.get('/rushes/big.mp4')!));
  }, 600_000);
});
