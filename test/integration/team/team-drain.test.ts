import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process';
import { startTeamRig, type TeamRig } from '../cli/team-rig';
import { endpointArgs, startWorker, stopWorker, teamEnv, waitFor, withPool } from './team-cli';

const MiB = 1024 * 1024;
const PARTS_IN_FLIGHT = 4;
const FILE_PARTS = 24;

/**
 * SIGTERM of a worker mid-file drains: the parts in flight finish and are recorded in PostgreSQL, the claim
 * goes back at once (a 10-minute lease, so nothing here can come from a lease running out), and a second
 * worker, idle on the same queue, takes the job over and finishes it under the same media ID. The emulator's
 * byte counter shows nothing was sent twice (without the drain, the aborted in-flight parts are re-sent).
 */
describe('vod-upload worker: SIGTERM drains', () => {
  let rig: TeamRig;

  beforeAll(async () => {
    rig = await startTeamRig('drain');
  });
  afterAll(() => rig?.stop());

  it('in-flight parts finish, the claim is released at once, another worker continues the same media', async () => {
    const { root, emulator, db, running } = rig;
    const env = teamEnv(root, emulator);
    const size = FILE_PARTS * MiB;
    await mkdir(join(root, 'NAS'), { recursive: true });
    const file = join(root, 'NAS', 'feature.mp4');
    await writeFile(file, randomBytes(size));
    const queued = await runCli(
      ['upload', file, '--queue', db.url, '--enqueue-only', '--data-dir', join(root, 'enq')].concat(
        endpointArgs(emulator),
      ),
      env,
    );
    expect(queued.code).toBe(0);

    // Each connection 1 MiB/s: a 1 MiB part takes about a second, so parts are in flight at any moment.
    emulator.setFaults({ perConnectionBandwidth: 1 * MiB });
    const limits = [
      '--files',
      '1',
      '--parts',
      String(PARTS_IN_FLIGHT),
      '--part-size',
      '1MiB',
      '--lease',
      '10m',
      '--drain-timeout',
      '60s',
    ];
    const first = startWorker(db.url, 'leaving', join(root, 'leaving'), env, emulator, limits);
    running.push(first);
    await first.waitForLine((line) => line.includes('"team-claimed"'), 60_000);
    // The second worker waits on the same queue from before the signal: it can only get the job by release.
    const second = startWorker(db.url, 'staying', join(root, 'staying'), env, emulator, limits);
    running.push(second);

    const recorded = async () =>
      withPool(db.url, async (pool) => {
        const rows = await pool.query<{
          media_id: string | null;
          state: string;
          lease_owner: string | null;
          parts: string;
          bytes: string;
        }>(
          `SELECT j.media_id, j.state, j.lease_owner, count(p.*) AS parts, coalesce(sum(p.size), 0) AS bytes
           FROM team_jobs j LEFT JOIN team_parts p ON p.job_id = j.id GROUP BY j.id`,
        );
        const row = rows.rows[0]!;
        return { ...row, parts: Number(row.parts), bytes: Number(row.bytes) };
      });
    await waitFor(
      '6 parts on record',
      async () => ((await recorded()).parts >= 6 ? true : undefined),
      90_000,
      100,
    );
    const receivedAtSignal = emulator.state().bytesReceived;
    const atSignal = await recorded();

    const stopped = await stopWorker(first, 90_000);
    // A clean drain is a success for a service manager; every in-flight part finished (none cut off).
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('"team-released"');
    expect(stopped.stdout).not.toContain('"team-done"');

    const claimed = JSON.parse(
      await second.waitForLine((line) => line.includes('"team-claimed"'), 60_000),
    ) as { resumedParts: number };
    // Every byte OSS had received at the signal belongs to a part on record after the drain: the parts in
    // flight then were finished and recorded, not dropped.
    expect(claimed.resumedParts * MiB).toBeGreaterThanOrEqual(receivedAtSignal);
    expect(claimed.resumedParts).toBeGreaterThan(atSignal.parts);
    expect(claimed.resumedParts).toBeLessThan(FILE_PARTS);

    await second.waitForLine((line) => line.includes('"team-done"'), 120_000);
    expect((await stopWorker(second)).code).toBe(0);

    const history = await withPool(
      db.url,
      async (pool) =>
        (
          await pool.query<{ media_id: string; machine: string }>(
            'SELECT media_id, machine FROM team_history',
          )
        ).rows,
    );
    expect(history).toEqual([{ media_id: atSignal.media_id, machine: 'staying' }]);
    const state = emulator.state();
    expect(state.calls['CreateUploadVideo']).toBe(1);
    expect(state.objects).toHaveLength(1);
    expect(state.objects[0]!.size).toBe(size);
    // Nothing sent twice: OSS received the file exactly once (the kill -9 test allows the in-flight parts).
    const resent = state.bytesReceived - size;
    console.info(
      `drain: ${atSignal.parts} parts on record at SIGTERM, ${claimed.resumedParts} after the drain, ${resent} bytes re-sent`,
    );
    expect(resent).toBe(0);
    expect(stopped.stderr).toContain('finishing the parts in flight');
  });
  it('a drain cut short by --drain-timeout exits 130 and still gives the claim back at once', async () => {
    const { root, emulator, db, running } = rig;
    const env = teamEnv(root, emulator);
    const file = join(root, 'NAS', 'long.mp4');
    await writeFile(file, randomBytes(16 * MiB));
    const enq = ['--enqueue-only', '--data-dir', join(root, 'enq')];
    const queued = await runCli(['upload', file, '--queue', db.url, ...enq, ...endpointArgs(emulator)], env);
    expect(queued.code).toBe(0);
    // 4 MiB parts at 1 MiB/s per connection take about 4 s: a 0.1 s drain cannot let them finish.
    emulator.setFaults({ perConnectionBandwidth: 1 * MiB });
    const limits = ['--files', '1', '--parts', '2', '--part-size', '4MiB', '--lease', '10m'];
    const worker = startWorker(db.url, 'hasty', join(root, 'hasty'), env, emulator, [
      ...limits,
      '--drain-timeout',
      '0.1s',
    ]);
    running.push(worker);
    await worker.waitForLine((line) => line.includes('"team-claimed"') && line.includes('long.mp4'), 60_000);
    const start = emulator.state().bytesReceived;
    await waitFor(
      'the upload under way',
      async () => (emulator.state().bytesReceived > start + 512 * 1024 ? true : undefined),
      60_000,
      100,
    );
    const stopped = await stopWorker(worker, 60_000);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('The drain timed out');
    const row = await withPool(
      db.url,
      async (pool) =>
        (
          await pool.query<{ state: string; lease_owner: string | null }>(
            'SELECT state, lease_owner FROM team_jobs WHERE path = $1',
            [file],
          )
        ).rows[0],
    );
    expect(row).toEqual({ state: 'queued', lease_owner: null });
  });
});
