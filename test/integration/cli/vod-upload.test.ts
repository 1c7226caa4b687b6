import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { jobFor } from '../engine/harness';
import { type RunningEmulator } from '../../emulator/index';
import { cleanEnv, eventsOf, runCli, startCli, summaryOf } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';
import { cliTrustEnv } from '../../helpers/emulator-trust';

function bytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

const KiB = 1024;

/** Every entry under `dir` (itself included) with its permission bits. */
async function privateModes(dir: string): Promise<[string, number, boolean][]> {
  const out: [string, number, boolean][] = [[dir, (await stat(dir)).mode & 0o777, true]];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out.push([path, (await stat(path)).mode & 0o777, entry.isDirectory()]);
  }
  return out;
}

/**
 * The real `vod-upload` process (node bin/vod-upload.mjs, as npx runs it) against the emulator, with a temp
 * data dir, an empty HOME (no credentials file) and only the emulator's key in the environment.
 */
describe('vod-upload (the CLI process against the emulator)', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];

  beforeAll(async () => {
    rig = await startCliRig('upload');
    ({ emulator, root, home, env } = rig);
    connection = rig.connection;
  });

  beforeEach(() => {
    emulator.setFaults({ bandwidth: 0 });
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** The CRC-64 of the emulator's object behind a media ID. */
  function serverCrc(mediaId: string): string | undefined {
    const state = emulator.state();
    const media = state.media.find((m) => m.mediaId === mediaId);
    return state.objects.find((o) => o.bucket === media?.bucket && o.key === media?.key)?.crc64;
  }

  it('uploads a folder: exit 0, media IDs in the JSON summary, CRCs match the server', async () => {
    const folder = join(root, 'Rushes');
    await mkdir(join(folder, 'Day1'), { recursive: true });
    const files: Record<string, Buffer> = {
      'Day1/A001.mov': bytes('A001', 1_100_000),
      'Day1/A002.mp4': bytes('A002', 70_000),
      'still.png': bytes('still', 5_000),
      'subs.srt': Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHello\n'),
      'notes.txt': Buffer.from('not media'),
    };
    for (const [name, data] of Object.entries(files)) await writeFile(join(folder, name), data);
    const dataDir = join(root, 'data-folder');

    const run = await runCli(
      [
        'upload',
        folder,
        ...connection,
        '--data-dir',
        dataDir,
        '--json',
        '--part-size',
        '256KiB',
        '--tags',
        'cli,test',
      ],
      env,
    );
    expect(run.stderr).toContain('Using credentials from environment variables');
    expect(run.code).toBe(0);

    const summary = summaryOf(run.stdout);
    expect(Object.keys(summary)).toEqual(['done', 'failed', 'unfinished', 'skipped']);
    expect(summary.failed).toEqual([]);
    expect(summary.skipped.map((s) => s.path)).toEqual([join(folder, 'notes.txt')]);
    expect(summary.done.map((d) => d.path).sort()).toEqual(
      ['Day1/A001.mov', 'Day1/A002.mp4', 'still.png', 'subs.srt'].map((n) => join(folder, n)).sort(),
    );
    expect(new Set(summary.done.map((d) => d.mediaId)).size).toBe(4);
    expect(Object.fromEntries(summary.done.map((d) => [d.path.slice(folder.length + 1), d.kind]))).toEqual({
      'Day1/A001.mov': 'video',
      'Day1/A002.mp4': 'video',
      'still.png': 'image',
      'subs.srt': 'attached',
    });
    for (const done of summary.done) {
      expect(serverCrc(done.mediaId), done.path).toBe(crc64(await readFile(done.path)));
    }

    const events = eventsOf(run.stdout);
    const kinds = new Set(events.map((e) => e['event']));
    for (const kind of ['queued', 'started', 'done', 'skipped']) expect(kinds).toContain(kind);
    expect(events.filter((e) => e['event'] === 'done')).toHaveLength(4);

    // The data dir and everything in it are private to the user (POSIX modes; Windows keeps its ACLs).
    if (process.platform !== 'win32') {
      const modes = await privateModes(dataDir);
      expect(modes.map(([path]) => path)).toEqual(
        expect.arrayContaining([join(dataDir, 'queue.db'), join(dataDir, 'logs', 'cli.log')]),
      );
      for (const [path, mode, isDir] of modes) expect([path, mode]).toEqual([path, isDir ? 0o700 : 0o600]);
    }

    // history reads the same data dir (read-only) and exports the app's CSV.
    const csv = await runCli(['history', '--csv', '--data-dir', dataDir], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFMedia ID,Kind,Title')).toBe(true);
    for (const done of summary.done) expect(csv.stdout).toContain(done.mediaId);

    // The same folder again: every file is already in VOD (done, `previously`), nothing is sent, exit 0.
    const before = emulator.state().bytesReceived;
    const again = await runCli(['upload', folder, ...connection, '--data-dir', dataDir, '--json'], env);
    expect(again.code).toBe(0);
    const second = summaryOf(again.stdout);
    expect(second.done.map((d) => [d.path, d.mediaId, d.previously]).sort()).toEqual(
      summary.done.map((d) => [d.path, d.mediaId, true]).sort(),
    );
    expect(second.skipped.map((s) => s.path)).toEqual([join(folder, 'notes.txt')]);
    expect(emulator.state().bytesReceived).toBe(before);
  });

  it('refuses bad usage with exit 2 and says what to fix', async () => {
    const dataDir = join(root, 'data-usage');
    // Independent processes (only the last opens the data dir): run them side by side.
    const [noPaths, badSize, unknown, missing, region, profile] = await Promise.all([
      runCli(['upload', '--data-dir', dataDir], env),
      runCli(['upload', root, '--part-size', '8 parsecs', '--data-dir', dataDir], env),
      runCli(['upload', root, '--colour', 'blue', '--data-dir', dataDir], env),
      runCli(['upload', join(root, 'no-such-folder'), '--data-dir', dataDir], env),
      runCli(['upload', root, '--region', 'mars-north-1', '--data-dir', dataDir], env),
      runCli(['upload', root, '--profile', 'nope', '--data-dir', dataDir], env),
    ]);
    expect(noPaths.code).toBe(2);
    expect(noPaths.stderr).toContain('name at least one file, folder or link');
    expect(badSize.code).toBe(2);
    expect(badSize.stderr).toContain('--part-size takes bytes or a size like 8MiB');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file or folder');
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('no endpoint for region "mars-north-1"');
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('There is no profile named "nope"');
  });

  it('exits 2 with the variables to set when no credentials are found', async () => {
    const folder = join(root, 'nocreds');
    await mkdir(folder);
    await writeFile(join(folder, 'a.mp4'), bytes('nocreds', 1000));
    const run = await runCli(
      ['upload', folder, ...connection, '--data-dir', join(root, 'data-nocreds')],
      cleanEnv(home),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No Alibaba Cloud credentials found');
    expect(run.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(run.stderr).toContain('vod-upload profile add');
    // Nothing was queued.
    const status = await runCli(['status', '--json', '--data-dir', join(root, 'data-nocreds')], env);
    expect(JSON.parse(status.stdout).jobs).toEqual([]);
  });

  it('adds a profile from stdin, tests it, and uploads with --profile without any variable set', async () => {
    const dataDir = join(root, 'data-profile');
    const add = startCli(
      [
        'profile',
        'add',
        'Emulator',
        '--secret-stdin',
        '--endpoint',
        emulator.config.vodEndpoint,
        '--data-dir',
        dataDir,
      ],
      { ...cleanEnv(home), ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.config.accessKeyId },
      emulator.config.accessKeySecret,
    );
    const added = await add.result;
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Saved profile "Emulator"');
    expect(added.stdout).not.toContain(emulator.config.accessKeySecret);

    const test = await runCli(
      ['profile', 'test', 'Emulator', '--json', '--data-dir', dataDir],
      cleanEnv(home, cliTrustEnv(emulator.config)),
    );
    expect(test.code).toBe(0);
    expect(JSON.parse(test.stdout)).toMatchObject({ profile: 'Emulator', verdict: 'ok' });

    const folder = join(root, 'profiled');
    await mkdir(folder);
    await writeFile(join(folder, 'p.mp4'), bytes('profiled', 50_000));
    const run = await runCli(
      ['upload', folder, '--profile', 'Emulator', '--data-dir', dataDir, '--json'],
      cleanEnv(home, cliTrustEnv(emulator.config)),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Using profile "Emulator"');
    expect(summaryOf(run.stdout).done).toHaveLength(1);
  });

  /** Starts a slow upload of one file and returns once some parts are on the server. */
  /**
   * bytesReceived once the stopped process's last bytes have landed: over TLS a socket cannot be reset, so a
   * pause or kill closes it gracefully and what the kernel had queued still arrives (docs/emulator.md).
   */
  async function settledBytesReceived(): Promise<number> {
    let seen = -1;
    while (seen !== emulator.state().bytesReceived) {
      seen = emulator.state().bytesReceived;
      await new Promise((r) => setTimeout(r, 300));
    }
    return seen;
  }

  async function slowUpload(name: string, dataDir: string) {
    const folder = join(root, name);
    await mkdir(folder);
    const data = bytes(name, 2_000 * KiB);
    const file = join(folder, `${name}.mp4`);
    await writeFile(file, data);
    emulator.setFaults({ bandwidth: 400 * KiB });
    const run = startCli(
      [
        'upload',
        folder,
        ...connection,
        '--data-dir',
        dataDir,
        '--json',
        '--part-size',
        '100KiB',
        '--parts',
        '2',
      ],
      env,
    );
    await run.waitForLine((line) => {
      const event = JSON.parse(line) as { event: string; bytesDone?: number };
      return event.event === 'progress' && (event.bytesDone ?? 0) >= 500 * KiB;
    });
    // Keep it running while the test looks at it: on a loaded machine, each CLI start-up takes seconds.
    emulator.setFaults({ bandwidth: 20 * KiB });
    return { run, file, data };
  }

  it('pauses cleanly on Ctrl-C (exit 130) and `resume` finishes without re-sending finished parts', async () => {
    const dataDir = join(root, 'data-sigint');
    const { run, file, data } = await slowUpload('sigint', dataDir);

    // While it runs: a second engine on the same data dir is refused (exit 2); read-only commands still work.
    const second = await runCli(['upload', file, ...connection, '--data-dir', dataDir], env);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already in use by another VOD Uploader');
    const live = await runCli(['status', '--json', '--data-dir', dataDir], env);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout).jobs).toHaveLength(1);

    run.child.kill('SIGINT');
    const stopped = await run.result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`vod-upload resume --data-dir ${dataDir}`);
    // The summary still lists the file: unfinished, with what is on record.
    const interrupted = summaryOf(stopped.stdout);
    expect(interrupted).toMatchObject({ done: [], failed: [], skipped: [] });
    expect(interrupted.unfinished).toEqual([
      {
        path: file,
        state: expect.stringMatching(/^(queued|paused)$/),
        bytesDone: expect.any(Number),
        size: data.length,
      },
    ]);
    expect(interrupted.unfinished[0]!.bytesDone).toBeGreaterThan(0);

    const status = await runCli(['status', '--json', '--data-dir', dataDir], env);
    const [job] = JSON.parse(status.stdout).jobs as { status: { state: string }; bytesDone: number }[];
    expect(job!.status.state).toBe('queued');
    expect(job!.bytesDone).toBeGreaterThan(0);
    const onRecord = job!.bytesDone;

    emulator.setFaults({ bandwidth: 0 });
    const before = await settledBytesReceived();
    const resumed = await runCli(['resume', ...connection, '--data-dir', dataDir, '--json'], env);
    expect(resumed.code).toBe(0);
    const summary = summaryOf(resumed.stdout);
    expect(summary.done.map((d) => d.path)).toEqual([file]);
    expect(serverCrc(summary.done[0]!.mediaId)).toBe(crc64(data));
    // Only what was not on record was sent again.
    expect(emulator.state().bytesReceived - before).toBeLessThanOrEqual(data.length - onRecord);
    expect(eventsOf(resumed.stdout).find((e) => e['event'] === 'started')).toMatchObject({
      resumedFrom: onRecord,
    });
  });

  it('survives kill -9: another upload leaves the job queued, `resume` completes it', async () => {
    const dataDir = join(root, 'data-kill');
    const { run, file, data } = await slowUpload('killed', dataDir);
    run.child.kill('SIGKILL');
    const killed = await run.result;
    expect(killed.signal).toBe('SIGKILL');
    emulator.setFaults({ bandwidth: 0 });

    // `upload` sends only its own files: the interrupted job stays queued, untouched.
    const other = join(root, 'other');
    await mkdir(other);
    await writeFile(join(other, 'o.png'), bytes('other', 3_000));
    const before = await settledBytesReceived();
    const single = await runCli(['upload', other, ...connection, '--data-dir', dataDir, '--json'], env);
    expect(single.code).toBe(0);
    expect(summaryOf(single.stdout).done.map((d) => d.path)).toEqual([join(other, 'o.png')]);
    expect(emulator.state().bytesReceived - before).toBe(3_000);
    const status = await runCli(['status', '--json', '--data-dir', dataDir], env);
    const states = (JSON.parse(status.stdout).jobs as { path: string; status: { state: string } }[]).map(
      (j) => [j.path, j.status.state],
    );
    expect(states).toEqual([
      [file, 'queued'],
      [join(other, 'o.png'), 'done'],
    ]);

    const resumed = await runCli(['resume', ...connection, '--data-dir', dataDir, '--json'], env);
    expect(resumed.code).toBe(0);
    const summary = summaryOf(resumed.stdout);
    expect(summary.done.map((d) => d.path)).toEqual([file]);
    expect(serverCrc(summary.done[0]!.mediaId)).toBe(crc64(data));

    const history = await runCli(['history', '--json', '--data-dir', dataDir], env);
    const rows = JSON.parse(history.stdout) as { mediaId: string; path: string }[];
    expect(rows.find((r) => r.path === file)?.mediaId).toBe(summary.done[0]!.mediaId);
  });
  it("leaves other batches' queued jobs and the stored settings untouched, even when killed", async () => {
    const dataDir = join(root, 'data-untouched');
    // A job of another batch (the desktop app's, say), queued before this run.
    const theirs = join(root, 'theirs.mp4');
    await writeFile(theirs, bytes('theirs', 10 * KiB));
    const seeded = openDatabase(join(dataDir, 'queue.db'));
    const other = jobFor(theirs);
    createQueueStore(seeded.db).jobs.insertMany([other]);
    seeded.close();

    const { run } = await slowUpload('untouched', dataDir); // --parts 2 --part-size 100KiB
    run.child.kill('SIGKILL');
    expect((await run.result).signal).toBe('SIGKILL');

    const after = openDatabase(join(dataDir, 'queue.db'), { readonly: true });
    try {
      const store = createQueueStore(after.db);
      expect(store.jobs.get(other.id)?.status.state).toBe('queued');
      expect(store.settings.get()).toMatchObject({
        partsInFlight: DEFAULT_SETTINGS.partsInFlight,
        partSize: DEFAULT_SETTINGS.partSize,
      });
    } finally {
      after.close();
    }
  });
});
