import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { type RunningEmulator } from '../../emulator/index';
import { startCli, type CliRun, jsonLineIs } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

const MiB = 1024 * 1024;
// More parts than can be on record plus in flight at the signal (3 at once): a fast machine records the first
// parts and starts the next ones within one poll, and with 6 the drain could legitimately finish the file.
const PART_COUNT = 12;

/**
 * SIGTERM drains (issue #20; issue #19's worker needs the same): the real CLI process, the emulator over
 * HTTPS, a slow line so parts are mid-body when the signal arrives. Every UploadPart the emulator received
 * must end up recorded in the SQLite file and on the emulator, and the next run must send no part twice.
 * Without the drain the in-flight parts are aborted and sent again, and the counts below differ.
 */
describe('SIGTERM finishes the parts in flight (drain)', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let common: string[];

  beforeAll(async () => {
    rig = await startCliRig('drain');
    ({ emulator, root, env } = rig);
  });

  beforeEach(() => {
    // Each test its own data dir and counters that start from what the emulator has seen so far.
    dataDir = join(root, `data-${Date.now()}`);
    common = ['--data-dir', dataDir, ...rig.connection, '--part-size', '1MiB', '--parts', '3', '--json'];
    emulator.setFaults({ perConnectionBandwidth: 0 });
  });

  // A test that fails midway must not leave its CLI uploading into the next test's counters.
  const runs: CliRun[] = [];
  const start = (args: string[]): CliRun => {
    const run = startCli(args, env);
    runs.push(run);
    return run;
  };
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      await run.result.catch(() => undefined);
    }
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const recordedParts = (path: string) => {
    let database;
    try {
      database = openDatabase(join(dataDir, QUEUE_DB_FILE), { readonly: true });
      const store = createQueueStore(database.db);
      const job = store.jobs.list().find((j) => j.path === path);
      return job === undefined ? undefined : { job, parts: store.parts.list(job.id).length };
    } catch {
      return undefined; // the CLI has not created the queue yet
    } finally {
      database?.close();
    }
  };
  const uploadPartCalls = () => emulator.state().calls['UploadPart'] ?? 0;

  /** Waits until a part is on record and another is mid-body at the emulator, then sends SIGTERM. */
  async function termWhileSending(run: CliRun, path: string, callsBefore: number): Promise<void> {
    const started = Date.now();
    for (;;) {
      const recorded = recordedParts(path)?.parts ?? 0;
      if (recorded >= 1 && uploadPartCalls() - callsBefore > recorded) break;
      if (Date.now() - started > 60_000) throw new Error(`no part in flight; stdout:\n${run.stdout()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    run.child.kill('SIGTERM');
  }

  /** After the stop: what the emulator received, the emulator kept and the SQLite file recorded agree. */
  function expectEveryReceivedPartRecorded(path: string, callsBefore: number) {
    const record = recordedParts(path)!;
    expect(record.job.status.state).toBe('queued');
    expect(record.job.uploadId).not.toBeNull();
    const onEmulator = emulator.uploads().find((u) => u.uploadId === record.job.uploadId);
    expect(record.parts).toBeGreaterThanOrEqual(2);
    expect(record.parts).toBeLessThan(PART_COUNT);
    expect(onEmulator?.parts).toBe(record.parts);
    expect(uploadPartCalls() - callsBefore).toBe(record.parts);
    return record.parts;
  }

  it('vod-upload upload: in-flight parts finish and are recorded, exit 130; the next run sends only the rest and exits 0', async () => {
    const file = join(root, 'drain-upload.mp4');
    await writeFile(file, randomBytes(PART_COUNT * MiB));
    const callsBefore = uploadPartCalls();
    const bytesBefore = emulator.state().bytesReceived;
    // About 1.5 s a part per connection: parts are mid-body whenever the signal comes.
    emulator.setFaults({ perConnectionBandwidth: 700_000 });
    const run = start(['upload', file, ...common]);
    await termWhileSending(run, file, callsBefore);
    const result = await run.result;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('SIGTERM: finishing the parts in flight');
    expectEveryReceivedPartRecorded(file, callsBefore);

    emulator.setFaults({ perConnectionBandwidth: 0 });
    const again = start(['resume', ...common]);
    const second = await again.result;
    expect(second.code, second.stderr).toBe(0);
    // Exactly one UploadPart per part across both runs, and not one byte sent twice.
    expect(uploadPartCalls() - callsBefore).toBe(PART_COUNT);
    expect(emulator.state().bytesReceived - bytesBefore).toBe(PART_COUNT * MiB);
    expect(recordedParts(file)!.job.status.state).toBe('done');
  }, 120_000);

  it('vod-upload watch: SIGTERM drains the same way; the next watch finishes the file and exits 0', async () => {
    const folder = join(root, 'Exports');
    await mkdir(folder);
    const watchArgs = [...common, '--settle', '1s'];
    const callsBefore = uploadPartCalls();
    const bytesBefore = emulator.state().bytesReceived;
    emulator.setFaults({ perConnectionBandwidth: 700_000 });
    const run = start(['watch', folder, ...watchArgs]);
    const file = join(folder, 'drain-watch.mov');
    await writeFile(file, randomBytes(PART_COUNT * MiB));
    await run.waitForLine(jsonLineIs('queued', file), 60_000);
    await termWhileSending(run, file, callsBefore);
    const result = await run.result;
    expect(result.code).toBe(130);
    expectEveryReceivedPartRecorded(file, callsBefore);

    emulator.setFaults({ perConnectionBandwidth: 0 });
    const again = start(['watch', ...watchArgs]);
    await again.waitForLine(jsonLineIs('done', file), 60_000);
    again.child.kill('SIGTERM');
    const second = await again.result;
    expect(second.code, second.stderr).toBe(0);
    expect(uploadPartCalls() - callsBefore).toBe(PART_COUNT);
    expect(emulator.state().bytesReceived - bytesBefore).toBe(PART_COUNT * MiB);
  }, 120_000);

  it('is bounded: parts still sending at --drain-timeout are aborted, and the run still exits 130', async () => {
    const file = join(root, 'drain-timeout.mp4');
    await writeFile(file, randomBytes(PART_COUNT * MiB));
    const callsBefore = uploadPartCalls();
    // About 10 s a part: far longer than the 1 s the drain may take.
    emulator.setFaults({ perConnectionBandwidth: 100_000 });
    const run = start(['upload', file, ...common, '--drain-timeout', '1s']);
    const started = Date.now();
    while (uploadPartCalls() - callsBefore < 1) {
      if (Date.now() - started > 60_000) throw new Error('no part started');
      await new Promise((r) => setTimeout(r, 50));
    }
    const sentAt = Date.now();
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(result.code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(8_000);
    const record = recordedParts(file)!;
    expect(record.job.status.state).toBe('queued');
    expect(record.parts).toBe(0);
  }, 120_000);
});
