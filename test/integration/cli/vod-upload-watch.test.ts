import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { type RunningEmulator } from '../../emulator/index';
import { runCli, startCli, jsonLineIs } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

/** `vod-upload watch` as a real process against the emulator: runs until SIGTERM, stops cleanly, tells the truth. */
describe('vod-upload watch', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let watched: string;
  let common: string[];

  beforeAll(async () => {
    rig = await startCliRig('watch');
    ({ emulator, root, env } = rig);
    dataDir = join(root, 'data');
    watched = join(root, 'Exports');
    await mkdir(watched);
    common = ['--data-dir', dataDir, ...rig.connection, '--part-size', '256KiB', '--json', '--settle', '1s'];
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const jobsIn = () => {
    const database = openDatabase(join(dataDir, QUEUE_DB_FILE), { readonly: true });
    try {
      return createQueueStore(database.db).jobs.list();
    } finally {
      database.close();
    }
  };

  it('lists no folders before any is watched', async () => {
    const result = await runCli(['watch', '--list', '--data-dir', dataDir], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No watched folders');
  });

  it('uploads what lands in the folder; SIGTERM stops cleanly and the exit code says what is unfinished', async () => {
    const run = startCli(['watch', watched, '--tags', 'cli-watch', ...common], env);
    await run.waitForLine((line) => jsonLineIs('folder')(line) && line.includes('"watching"'), 60_000);
    const first = join(watched, 'first.mp4');
    await writeFile(first, randomBytes(300_000));
    await run.waitForLine(jsonLineIs('done', first), 60_000);

    // A big file on a slow line: still uploading when SIGTERM arrives.
    emulator.setFaults({ bandwidth: 400_000 });
    const big = join(watched, 'big.mov');
    await writeFile(big, randomBytes(4 * 1024 * 1024));
    await run.waitForLine(jsonLineIs('queued', big), 30_000);
    const started = Date.now();
    while (!jobsIn().some((j) => j.path === big && j.bytesDone > 0)) {
      if (Date.now() - started > 30_000) throw new Error('the big file never started');
      await new Promise((r) => setTimeout(r, 200));
    }
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    const summary = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!) as {
      done: { path: string }[];
      unfinished: number;
    };
    expect(summary.done.map((d) => d.path)).toEqual([first]);
    expect(summary.unfinished).toBe(1);
    // Parts confirmed before the stop are kept; the job waits in the queue.
    const bigJob = jobsIn().find((j) => j.path === big)!;
    expect(bigJob.status.state).toBe('queued');
    expect(bigJob.bytesDone).toBeGreaterThan(0);
    expect(bigJob.metadata.tags).toEqual(['cli-watch']);

    const list = await runCli(['watch', '--list', '--json', '--data-dir', dataDir], env);
    expect(JSON.parse(list.stdout)).toMatchObject([{ path: watched, paused: false, here: true }]);
  }, 180_000);

  it('a second run finishes the interrupted upload, catches up, sends nothing twice and exits 0', async () => {
    emulator.setFaults({ bandwidth: 0 });
    const late = join(watched, 'late.mp4');
    await writeFile(late, randomBytes(100_000));
    const run = startCli(['watch', ...common], env);
    await run.waitForLine(jsonLineIs('done', join(watched, 'big.mov')), 90_000);
    await run.waitForLine(jsonLineIs('done', late), 60_000);
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(`"path":"${join(watched, 'first.mp4')}"`);
    const titles = emulator.state().media.map((m) => m.title);
    for (const title of ['first', 'big', 'late']) expect(titles.filter((t) => t === title)).toHaveLength(1);
  }, 180_000);

  it('refuses a folder that does not exist (exit 2, nothing stored)', async () => {
    const result = await runCli(['watch', join(root, 'nope'), ...common], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no such folder');
  });
});
