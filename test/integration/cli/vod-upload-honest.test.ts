import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
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

/** The lines a person reads on stderr (blank ones aside). */
function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/**
 * What an exit status and a summary promise (docs/cli.md, "What the exit status means"), with the real
 * `vod-upload` process against the emulator: a run checks its credentials before queueing anything, a file is
 * "already uploaded" only in the destination it went to, and a file whose earlier job failed is finished.
 */
describe('vod-upload: exit codes that never lie', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];

  beforeAll(async () => {
    rig = await startCliRig('honest');
    ({ emulator, root, env } = rig);
    connection = rig.connection;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function file(name: string, size = 40_000): Promise<string> {
    const path = join(root, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes(name, size));
    return path;
  }

  it('a wrong secret ends the run in seconds with exit 2 and one line; fixed, the re-run uploads (exit 0)', async () => {
    const path = await file('secret/A.mp4');
    const dataDir = join(root, 'data-secret');
    const wrong = { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' };
    const started = Date.now();
    const refused = await runCli(['upload', path, ...connection, '--data-dir', dataDir, '--json'], wrong);
    const tookMs = Date.now() - started;
    expect(refused.code).toBe(2);
    expect(tookMs).toBeLessThan(10_000);
    const lines = linesOf(refused.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vod-upload: The AccessKey secret does not match the AccessKey ID\./);
    expect(lines[0]).toContain('Paste the secret again');
    expect(refused.stderr).not.toContain('not-the-secret');
    // Nothing was queued, so nothing waits in the queue to fail again.
    const status = await runCli(['status', '--json', '--data-dir', dataDir], env);
    expect(JSON.parse(status.stdout).jobs).toEqual([]);

    const fixed = await runCli(['upload', path, ...connection, '--data-dir', dataDir, '--json'], env);
    expect(fixed.code).toBe(0);
    expect(summaryOf(fixed.stdout).done.map((d) => d.path)).toEqual([path]);
  });

  it('an unknown key, a refused endpoint and a silent one end with exit 2 and the fix', async () => {
    const path = await file('endpoints/B.mp4');
    // Accepts connections and never answers.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    // A port nothing listens on.
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    try {
      const run = async (args: string[], runEnv: NodeJS.ProcessEnv) => {
        const started = Date.now();
        const result = await runCli(['upload', path, '--region', 'cn-shanghai', ...args], runEnv);
        return { ...result, ms: Date.now() - started };
      };
      const unknownKey = await run(
        ['--endpoint', emulator.config.vodEndpoint, '--data-dir', join(root, 'd-key')],
        { ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNoSuchKey000000000' },
      );
      // These two only wait on the network: side by side.
      const [refused, silentRun] = await Promise.all([
        run(['--endpoint', `http://127.0.0.1:${closedPort}`, '--data-dir', join(root, 'd-refused')], env),
        run(['--endpoint', `http://127.0.0.1:${silentPort}`, '--data-dir', join(root, 'd-silent')], env),
      ]);
      expect(unknownKey.code).toBe(2);
      expect(unknownKey.stderr).toContain('The AccessKey ID is not known to Alibaba Cloud');
      expect(unknownKey.ms).toBeLessThan(10_000);
      for (const dead of [refused, silentRun]) {
        expect(dead.code, dead.stderr).toBe(2);
        expect(linesOf(dead.stderr)).toHaveLength(1);
        expect(dead.stderr).toContain('Check --endpoint');
      }
      expect(silentRun.stderr).toContain('did not answer in time');
      expect(silentRun.ms).toBeLessThan(30_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('finishes a file whose earlier job failed (the issue: exit 0 with nothing uploaded)', async () => {
    const path = await file('failed/C.mp4', 300_000);
    const dataDir = join(root, 'data-failed');
    // The data dir an earlier version left: the job failed on a wrong secret, queued before destinations.
    const database = openDatabase(join(dataDir, QUEUE_DB_FILE));
    let jobId: string;
    try {
      const store = createQueueStore(database.db);
      const info = await stat(path);
      jobId = 'earlier-job';
      store.jobs.insertMany([
        {
          id: jobId,
          path,
          root: dirname(path),
          relativeDir: '',
          name: basename(path),
          kind: 'video',
          businessType: null,
          size: info.size,
          mtimeMs: info.mtimeMs,
          profileId: null,
          title: 'C',
          metadata: { titleTemplate: '{name}', tags: [] },
        },
      ]);
      store.jobs.setStatus(jobId, { state: 'preparing' });
      store.jobs.setStatus(jobId, {
        state: 'failed',
        error: { code: 'SignatureDoesNotMatch', message: 'The signature does not match.' },
      });
    } finally {
      database.close();
    }

    const run = await runCli(['upload', path, ...connection, '--data-dir', dataDir, '--json'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('1 failed before, retried with their uploaded parts');
    const summary = summaryOf(run.stdout);
    expect(summary.done.map((d) => d.path)).toEqual([path]);
    expect(summary.skipped).toEqual([]);
    // The same job finished: no second job was queued for the file.
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], env)).stdout) as {
      jobs: { id: string; status: { state: string } }[];
    };
    expect(status.jobs.map((j) => [j.id, j.status.state])).toEqual([[jobId, 'done']]);
  });

  it('uploads the same file to a second destination; --force sends it again to the first', async () => {
    const path = await file('dest/D.mp4');
    const dataDir = join(root, 'data-dest');
    const second = emulator.addUser();
    const other = {
      ...env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: second.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: second.accessKeySecret,
    };
    const upload = (runEnv: NodeJS.ProcessEnv, ...extra: string[]) =>
      runCli(['upload', path, ...connection, '--data-dir', dataDir, '--json', ...extra], runEnv);

    const first = await upload(env);
    expect(first.code).toBe(0);
    const [firstDone] = summaryOf(first.stdout).done;

    // The same destination: already in VOD, nothing sent, and the message names where it went.
    const before = emulator.state().bytesReceived;
    const again = await upload(env);
    expect(again.code).toBe(0);
    expect(summaryOf(again.stdout).done).toEqual([
      expect.objectContaining({ path, mediaId: firstDone!.mediaId, previously: true }),
    ]);
    expect(summaryOf(again.stdout).done[0]!.destination).toContain(emulator.config.regionId);
    expect(again.stderr).toContain('already in VOD (use --force to send them again)');
    expect(emulator.state().bytesReceived).toBe(before);

    // Another key (another account, as far as the uploader can tell): a destination of its own.
    const elsewhere = await upload(other);
    expect(elsewhere.code).toBe(0);
    const [otherDone] = summaryOf(elsewhere.stdout).done;
    expect(otherDone).toMatchObject({ path });
    expect(otherDone!.previously).toBeUndefined();
    expect(otherDone!.mediaId).not.toBe(firstDone!.mediaId);

    // --force: sent again to the first destination, a new media.
    const forced = await upload(env, '--force');
    expect(forced.code).toBe(0);
    const [forcedDone] = summaryOf(forced.stdout).done;
    expect(forcedDone!.previously).toBeUndefined();
    expect(new Set([firstDone!.mediaId, otherDone!.mediaId, forcedDone!.mediaId]).size).toBe(3);
  });
});
