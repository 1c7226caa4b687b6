import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process';
import { startTeamRig, type TeamRig } from '../cli/team-rig';
import { endpointArgs, startWorker, stopWorker, teamEnv, waitFor, withPool } from './team-cli';

const MiB = 1024 * 1024;

/**
 * `vod-upload cancel|remove|retry --queue` from another machine (its own data dir, no upload running there):
 * a cancel of the job a worker is uploading stops that worker's upload at once (not at its lease's end: the
 * lease is 10 minutes), and the worker removes what it made: the multipart upload is aborted on OSS and the
 * media deleted in VOD, through its media ledger. A job it held but had not started is dropped there.
 * Real worker process, real PostgreSQL server, the emulator.
 */
describe('vod-upload cancel / remove / retry --queue', () => {
  let rig: TeamRig;

  beforeAll(async () => {
    rig = await startTeamRig('cancel');
  });
  afterAll(() => rig?.stop());

  const rows = () =>
    withPool(rig.db.url, async (pool) => {
      const result = await pool.query<{
        path: string;
        state: string;
        media_id: string | null;
        lease_owner: string | null;
        parts: string;
      }>(
        `SELECT j.path, j.state, j.media_id, j.lease_owner, count(p.*) AS parts
         FROM team_jobs j LEFT JOIN team_parts p ON p.job_id = j.id GROUP BY j.id ORDER BY j.position`,
      );
      return result.rows.map((r) => ({ ...r, parts: Number(r.parts) }));
    });

  it('a cancel stops the worker holding the job and removes its upload and media in VOD', async () => {
    const { root, emulator, db, running } = rig;
    const env = teamEnv(root, emulator);
    await mkdir(join(root, 'NAS'), { recursive: true });
    const big = join(root, 'NAS', 'feature.mp4');
    const next = join(root, 'NAS', 'trailer.mp4');
    await writeFile(big, randomBytes(24 * MiB));
    await writeFile(next, randomBytes(2 * MiB));
    const other = ['--data-dir', join(root, 'editor'), ...endpointArgs(emulator)];
    const queued = await runCli(['upload', big, next, '--queue', db.url, '--enqueue-only', ...other], env);
    expect(queued.code).toBe(0);

    emulator.setFaults({ perConnectionBandwidth: 1 * MiB });
    const worker = startWorker(db.url, 'render-01', join(root, 'w1'), env, emulator, [
      '--files',
      '1',
      '--parts',
      '4',
      '--part-size',
      '1MiB',
      '--lease',
      '10m',
    ]);
    running.push(worker);
    // The worker holds both (room for twice its files at once) and uploads the first.
    await waitFor(
      'parts of the first file on record, the second held',
      async () => {
        const [first, second] = await rows();
        return first!.parts >= 3 && second!.lease_owner !== null ? true : undefined;
      },
      90_000,
      100,
    );
    const before = (await rows())[0]!;
    expect(before.media_id).not.toBeNull();
    expect(emulator.state().media.map((m) => m.mediaId)).toEqual([before.media_id]);
    expect(emulator.uploads()).toHaveLength(1);

    const canceled = await runCli(['cancel', big, next, '--queue', db.url, ...other], env);
    expect(canceled.code, canceled.stderr).toBe(0);
    // Both are claimed: only their worker knows what it made in VOD (a create may be under way), so both
    // wait for it.
    expect(canceled.stdout).toContain('0 canceled, 2 waiting for a worker');

    const line = await worker.waitForLine(
      (l) => l.includes('"team-canceled"') && l.includes('feature.mp4'),
      60_000,
    );
    expect(JSON.parse(line)).toMatchObject({ path: big, mediaId: before.media_id });
    const unstarted = await worker.waitForLine(
      (l) => l.includes('"team-canceled"') && l.includes('trailer.mp4'),
      60_000,
    );
    expect(JSON.parse(unstarted)).toMatchObject({ path: next, mediaId: null });
    const after = await rows();
    expect(after.map((r) => [r.state, r.lease_owner, r.parts])).toEqual([
      ['canceled', null, 0],
      ['canceled', null, 0],
    ]);
    // What the worker made in VOD is gone: no media, no open multipart upload, no object.
    expect(emulator.state().media).toEqual([]);
    expect(emulator.uploads()).toEqual([]);
    expect(emulator.state().objects).toEqual([]);
    expect(emulator.state().calls['DeleteVideo']).toBe(1);
    // The worker sends nothing more of them: what was already in its sockets' buffers drains into the
    // emulator (at most its 4 parts in flight), then the byte counter stands still.
    const atCancel = emulator.state().bytesReceived;
    const settled = await waitFor(
      'the byte counter to settle',
      async () => {
        const was = emulator.state().bytesReceived;
        await new Promise((r) => setTimeout(r, 1000));
        return emulator.state().bytesReceived === was ? was : undefined;
      },
      30_000,
      0,
    );
    expect(settled - atCancel).toBeLessThanOrEqual(4 * MiB);
    await new Promise((r) => setTimeout(r, 2000));
    expect(emulator.state().bytesReceived).toBe(settled);
    expect(worker.stdout()).not.toContain('"team-done"');

    // Retry does not touch canceled jobs; remove takes their rows away.
    const retried = await runCli(['retry', '--queue', db.url, ...other], env);
    expect(retried.stdout).toContain('Queued 0 job(s) again');
    const removed = await runCli(['remove', big, next, '--queue', db.url, ...other], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('2 removed');
    expect(await rows()).toEqual([]);

    // A name that matches no job changes nothing and says so.
    const unknown = await runCli(['cancel', join(root, 'NAS', 'nope.mp4'), '--queue', db.url, ...other], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No job on the team queue for');

    expect((await stopWorker(worker)).code).toBe(0);
  });
});
