import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process';
import { startTeamRig, type TeamRig } from '../cli/team-rig';
import { endpointArgs, startWorker, stopWorker, teamEnv, waitFor, withPool } from './team-cli';

const MiB = 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

/**
 * kill -9 of a worker mid-file: another worker process takes the job over when the lease runs out and
 * finishes it under the same media ID, re-sending no more than the dead worker's in-flight parts (the
 * emulator's byte counter says what reached OSS). Real processes, real PostgreSQL, a slow emulator.
 */
describe('vod-upload worker: takeover after kill -9', () => {
  let rig: TeamRig;

  beforeAll(async () => {
    rig = await startTeamRig('kill');
  });
  afterAll(() => rig?.stop());

  it('another worker completes the file with the same media ID, re-sending at most the in-flight parts', async () => {
    const { root, emulator, db, running } = rig;
    const env = teamEnv(root, emulator);
    const size = 24 * MiB;
    await mkdir(join(root, 'NAS'), { recursive: true });
    const file = join(root, 'NAS', 'feature.mp4');
    await writeFile(file, randomBytes(size));
    const queued = await runCli(
      [
        'upload',
        file,
        '--queue',
        db.url,
        '--enqueue-only',
        '--data-dir',
        join(root, 'enq'),
        ...endpointArgs(emulator),
      ],
      env,
    );
    expect(queued.code).toBe(0);

    // A WAN-like line: each connection 1 MiB/s, so a 1 MiB part takes about a second.
    emulator.setFaults({ perConnectionBandwidth: 1 * MiB });
    const limits = [
      '--files',
      '1',
      '--parts',
      String(PARTS_IN_FLIGHT),
      '--part-size',
      '1MiB',
      '--lease',
      '3s',
    ];
    const first = startWorker(db.url, 'doomed', join(root, 'doomed'), env, emulator, limits);
    running.push(first);
    const recorded = async () =>
      withPool(db.url, async (pool) => {
        const job = await pool.query<{ media_id: string | null; parts: string; bytes: string }>(
          `SELECT j.media_id, count(p.*) AS parts, coalesce(sum(p.size), 0) AS bytes
           FROM team_jobs j LEFT JOIN team_parts p ON p.job_id = j.id GROUP BY j.id`,
        );
        const row = job.rows[0]!;
        return { mediaId: row.media_id, parts: Number(row.parts), bytes: Number(row.bytes) };
      });
    await waitFor(
      '6 parts on record',
      async () => ((await recorded()).parts >= 6 ? true : undefined),
      60_000,
      100,
    );

    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.signal).toBe('SIGKILL');
    const atDeath = await recorded();
    // What the dead worker had sent still drains from the sockets' buffers into OSS: count it all.
    const bytesAtDeath = await waitFor(
      'the byte counter to settle',
      async () => {
        const before = emulator.state().bytesReceived;
        await new Promise((r) => setTimeout(r, 500));
        const after = emulator.state().bytesReceived;
        return after === before ? after : undefined;
      },
      20_000,
      0,
    );
    expect(atDeath.mediaId).not.toBeNull();
    expect(atDeath.parts).toBeLessThan(24);

    const second = startWorker(db.url, 'rescuer', join(root, 'rescuer'), env, emulator, limits);
    running.push(second);
    const claimed = await second.waitForLine((line) => line.includes('"team-claimed"'), 30_000);
    expect(JSON.parse(claimed)).toMatchObject({ resumedParts: atDeath.parts });
    await second.waitForLine((line) => line.includes('"team-done"'), 60_000);
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
    // The same media: one create in VOD, finished by the second worker.
    expect(history).toEqual([{ media_id: atDeath.mediaId, machine: 'rescuer' }]);
    const state = emulator.state();
    expect(state.calls['CreateUploadVideo']).toBe(1);
    expect(state.media.map((m) => m.mediaId)).toEqual([atDeath.mediaId]);
    expect(state.objects).toHaveLength(1);
    expect(state.objects[0]!.size).toBe(size);

    // Re-sent = everything OSS received beyond the file once. It is exactly what the dead worker had in
    // flight (bytes it sent that are in no part on record), and at most its parts-in-flight cap.
    const resent = state.bytesReceived - size;
    const inFlightAtDeath = bytesAtDeath - atDeath.bytes;
    console.info(
      `takeover: ${atDeath.parts} parts on record at kill -9, ${inFlightAtDeath} bytes in flight, ${resent} bytes re-sent`,
    );
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(resent).toBeLessThanOrEqual(PARTS_IN_FLIGHT * MiB);
    expect(resent).toBe(inFlightAtDeath);
  });
});
