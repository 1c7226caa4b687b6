import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process';
import { startTeamRig, type TeamRig } from '../cli/team-rig';
import { endpointArgs, startWorker, stopWorker, teamEnv, withPool } from './team-cli';

/**
 * `upload --queue --preset NAME`: the preset lives on the machine that queues; its options become each job's
 * metadata on the team queue (flags given win), so a worker without that preset uploads with them.
 */
describe('vod-upload upload --queue --preset', () => {
  let rig: TeamRig;

  beforeAll(async () => {
    rig = await startTeamRig('preset');
  });
  afterAll(() => rig?.stop());

  it("queues with the preset's options, flags winning, and a worker uploads with them", async () => {
    const { root, emulator, db, running } = rig;
    const env = teamEnv(root, emulator);
    await mkdir(join(root, 'NAS'), { recursive: true });
    const a = join(root, 'NAS', 'a.mp4');
    const b = join(root, 'NAS', 'b.mp4');
    await writeFile(a, randomBytes(64 * 1024));
    await writeFile(b, randomBytes(64 * 1024));
    const editor = ['--data-dir', join(root, 'editor')];
    const saved = await runCli(
      ['preset', 'save', 'Archive', '--tags', 'rushes,studio', '--title', '{name} (archive)', ...editor],
      env,
    );
    expect(saved.code, saved.stderr).toBe(0);
    const queue = ['--queue', db.url, '--enqueue-only', ...editor, ...endpointArgs(emulator)];

    const unknown = await runCli(['upload', a, '--preset', 'Nope', ...queue], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no preset named "Nope"');

    expect((await runCli(['upload', a, '--preset', 'Archive', ...queue], env)).code).toBe(0);
    expect((await runCli(['upload', b, '--preset', 'Archive', '--tags', 'other', ...queue], env)).code).toBe(
      0,
    );
    const jobs = await withPool(
      db.url,
      async (pool) =>
        (
          await pool.query<{ path: string; title: string; tags: string[] }>(
            `SELECT path, title, metadata->'tags' AS tags FROM team_jobs ORDER BY position`,
          )
        ).rows,
    );
    expect(jobs).toEqual([
      { path: a, title: 'a (archive)', tags: ['rushes', 'studio'] },
      { path: b, title: 'b (archive)', tags: ['other'] },
    ]);

    // A worker with no presets of its own uploads them as queued.
    const worker = startWorker(db.url, 'render-01', join(root, 'w1'), env, emulator);
    running.push(worker);
    await worker.waitForLine((l) => l.includes('"team-done"') && l.includes('a.mp4'), 60_000);
    await worker.waitForLine((l) => l.includes('"team-done"') && l.includes('b.mp4'), 60_000);
    expect((await stopWorker(worker)).code).toBe(0);
    const media = emulator
      .state()
      .media.map((m) => [m.title, m.params['Tags']])
      .sort();
    expect(media).toEqual([
      ['a (archive)', 'rushes,studio'],
      ['b (archive)', 'other'],
    ]);
  });
});
