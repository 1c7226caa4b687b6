import { createHash } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { type RunningEmulator } from '../../emulator/index';
import { runCli, summaryOf } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

function bytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

interface StatusJson {
  jobs: { id: string; path: string; status: { state: string } }[];
}

/** The queue commands of the real `vod-upload` process against the emulator: remove, clear, retry, wait. */
describe('vod-upload: managing the queue', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];

  beforeAll(async () => {
    rig = await startCliRig('queue', { env: { VOD_UPLOADER_WAIT_POLL_MS: '250' } });
    ({ emulator, root, env } = rig);
    connection = rig.connection;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function status(dataDir: string): Promise<StatusJson> {
    return JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], env)).stdout) as StatusJson;
  }

  it('remove unblocks resume: a job whose file is gone fails every resume until it is removed', async () => {
    const dataDir = join(root, 'data-remove');
    const gone = join(root, 'gone', 'Lost.mp4');
    await mkdir(dirname(gone), { recursive: true });
    await writeFile(gone, bytes('gone', 50_000));
    const info = await stat(gone);
    // Queued, then the card was ejected: the file is no longer there.
    const database = openDatabase(join(dataDir, QUEUE_DB_FILE));
    try {
      createQueueStore(database.db).jobs.insertMany([
        {
          id: 'lost-job',
          path: gone,
          root: dirname(gone),
          relativeDir: '',
          name: basename(gone),
          kind: 'video',
          businessType: null,
          size: info.size,
          mtimeMs: info.mtimeMs,
          profileId: null,
          title: 'Lost',
          metadata: { titleTemplate: '{name}', tags: [] },
        },
      ]);
    } finally {
      database.close();
    }
    await rm(gone);

    for (let i = 0; i < 2; i++) {
      const blocked = await runCli(['resume', ...connection, '--data-dir', dataDir, '--json'], env);
      expect(blocked.code).toBe(1);
      expect(summaryOf(blocked.stdout).failed).toEqual([
        expect.objectContaining({ path: gone, code: 'SOURCE_MISSING' }),
      ]);
    }

    // A typo changes nothing.
    const typo = await runCli(['remove', join(root, 'gone', 'Lots.mp4'), '--data-dir', dataDir], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('No job in the queue');
    expect((await status(dataDir)).jobs).toHaveLength(1);

    const removed = await runCli(['remove', gone, '--data-dir', dataDir], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed 1 job(s)');
    expect((await status(dataDir)).jobs).toEqual([]);
    const resumed = await runCli(['resume', ...connection, '--data-dir', dataDir, '--json'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('Nothing to resume');
  });

  it('clear --finished and --failed empty the queue of what is settled; history keeps the uploads and their tags', async () => {
    const dataDir = join(root, 'data-clear');
    const ok = join(root, 'clear', 'ok.mp4');
    await mkdir(dirname(ok), { recursive: true });
    await writeFile(ok, bytes('ok', 20_000));
    const upload = ['upload', ok, ...connection, '--tags', 'rushes,Day1', '--data-dir', dataDir];
    expect((await runCli(upload, env)).code).toBe(0);
    expect((await status(dataDir)).jobs.map((j) => j.status.state)).toEqual(['done']);

    const cleared = await runCli(['clear', '--finished', '--data-dir', dataDir], env);
    expect(cleared.code).toBe(0);
    expect((await status(dataDir)).jobs).toEqual([]);
    const history = JSON.parse(
      (await runCli(['history', '--json', '--folder', 'clear', '--data-dir', dataDir], env)).stdout,
    ) as { path: string }[];
    expect(history.map((h) => h.path)).toEqual([ok]);
    const elsewhere = JSON.parse(
      (await runCli(['history', '--json', '--folder', 'nowhere', '--data-dir', dataDir], env)).stdout,
    ) as unknown[];
    expect(elsewhere).toEqual([]);
    const tagged = JSON.parse(
      (await runCli(['history', '--json', '--tag', 'day1', '--data-dir', dataDir], env)).stdout,
    ) as { path: string; tags: string[] }[];
    expect(tagged).toEqual([expect.objectContaining({ path: ok, tags: ['rushes', 'Day1'] })]);
    const otherTag = await runCli(['history', '--tag', 'day2', '--data-dir', dataDir], env);
    expect(otherTag.stdout).toBe('No finished upload matches.\n');
  });

  it('wait returns when VOD reports the video Normal (and gives up at --timeout)', async () => {
    const dataDir = join(root, 'data-wait');
    const video = join(root, 'wait', 'Take1.mp4');
    await mkdir(dirname(video), { recursive: true });
    await writeFile(video, bytes('wait', 60_000));
    // Processing waits until the test finishes it: a loaded machine must not let the video reach Normal
    // before the first wait has seen it still processing.
    emulator.setFaults({ transcodeDelay: 600_000 });
    try {
      const up = await runCli(['upload', video, ...connection, '--data-dir', dataDir, '--json'], env);
      expect(up.code).toBe(0);
      const [done] = summaryOf(up.stdout).done;

      const early = await runCli(
        ['wait', done!.mediaId, ...connection, '--data-dir', dataDir, '--json', '--timeout', '0.5s'],
        env,
      );
      expect(early.code).toBe(1);
      const pending = JSON.parse(early.stdout) as { media: { status: string }[]; timedOut: boolean };
      expect(pending.timedOut).toBe(true);
      expect(pending.media[0]!.status).not.toBe('Normal');

      const started = Date.now();
      const waiting = runCli(
        ['wait', video, ...connection, '--data-dir', dataDir, '--json', '--timeout', '60s'],
        env,
      );
      const finish = setTimeout(() => emulator.finishTranscoding(), 1_500);
      const waited = await waiting;
      clearTimeout(finish);
      expect(waited.code, waited.stderr).toBe(0);
      expect(JSON.parse(waited.stdout)).toEqual({
        media: [{ mediaId: done!.mediaId, path: video, kind: 'video', status: 'Normal' }],
        timedOut: false,
      });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(emulator.state().media.find((m) => m.mediaId === done!.mediaId)?.status).toBe('Normal');
      // The status is recorded: history shows it.
      const history = JSON.parse(
        (await runCli(['history', '--json', '--data-dir', dataDir], env)).stdout,
      ) as {
        mediaId: string;
        vodStatus: string;
      }[];
      expect(history.find((h) => h.mediaId === done!.mediaId)?.vodStatus).toBe('Normal');
      // …with the duration VOD measured, in the table as players show it.
      const table = (await runCli(['history', '--data-dir', dataDir], env)).stdout.split('\n');
      expect(table[0]).toMatch(/Size +Duration +VOD status/);
      expect(table.find((line) => line.includes(done!.mediaId))).toMatch(/\b\d+:\d\d +Normal\b/);
    } finally {
      emulator.setFaults({ transcodeDelay: 500 });
    }
  });
});
