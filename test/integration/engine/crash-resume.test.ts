import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, MiB, tempDir, writeRandomFile, POLICIES } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-crash-');
const script = fileURLToPath(new URL('./fixtures/run-engine.ts', import.meta.url));
const settings = { filesAtOnce: 2, partsInFlight: 4, bandwidthLimit: 0, partSize: 1 * MiB };

afterAll(() => tmp.cleanup());

function runEngine(dbFile: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, dbFile], {
    env: {
      ...process.env,
      EMULATOR_CONFIG: JSON.stringify(emulator.config),
      ENGINE_SETTINGS: JSON.stringify(settings),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

// narrow: ListParts is refused (403 AccessDenied), so the engine resumes from its own record of parts.
describe.each(POLICIES)('crash and restart, %s upload policy', (uploadPolicy) => {
  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 9, bandwidth: 6 * MiB, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('resumes after kill -9 on the same database, re-sending only the parts that were in flight', async () => {
    const files = [
      writeRandomFile(tmp.dir, 'rushes-a.mp4', 20 * MiB),
      writeRandomFile(tmp.dir, 'rushes-b.mov', 9 * MiB + 5),
    ];
    const dbFile = join(tmp.dir, `queue-${uploadPolicy}.db`);
    const setup = openDatabase(dbFile);
    const jobs = files.map((f) => jobFor(f.path));
    createQueueStore(setup.db).jobs.insertMany(jobs);
    setup.close();

    const first = runEngine(dbFile);
    const firstExit = exitOf(first);
    // Watch the same file from here (WAL lets a reader in while the child writes).
    const watcher = openDatabase(dbFile, { readonly: true });
    const queue = createQueueStore(watcher.db);
    const end = Date.now() + 60_000;
    while (jobs.reduce((n, j) => n + queue.parts.list(j.id).length, 0) < 8) {
      if (Date.now() > end) throw new Error('the child never got going');
      await delay(25);
    }
    first.kill('SIGKILL');
    expect(await firstExit).toBe(null);
    const partsAtKill = jobs.reduce((n, j) => n + queue.parts.list(j.id).length, 0);
    await delay(1_000);
    const bytesAtKill = (await emulatorState(emulator.config)).bytesReceived;
    watcher.close();

    const second = runEngine(dbFile);
    expect(await exitOf(second)).toBe(0);

    const check = openDatabase(dbFile, { readonly: true });
    const rows = createQueueStore(check.db).jobs.list();
    const state = await emulatorState(emulator.config);
    rows.forEach((row, i) => {
      expect(row.status.state).toBe('done');
      expect(row.crc64).toBe(files[i]!.crc64);
      expect(state.objects.find((o) => o.key === row.objectKey)?.crc64).toBe(files[i]!.crc64);
    });
    check.close();
    const total = 29 * MiB + 5;
    const extra = state.bytesReceived - total;
    console.log(
      `kill -9 after ${partsAtKill} parts (${bytesAtKill} bytes received); total received ${state.bytesReceived} ` +
        `for ${total} bytes of files: ${extra} bytes re-sent; calls`,
      state.calls,
    );
    // At most the parts in flight at the kill were sent twice.
    expect(extra).toBeLessThanOrEqual(settings.partsInFlight * settings.partSize);
    const partCount = 20 + 10;
    expect(state.calls['UploadPart']).toBeLessThanOrEqual(partCount + settings.partsInFlight);
    expect(state.calls['CreateUploadVideo']).toBe(2);
    expect(state.calls['InitiateMultipartUpload']).toBe(2);
    // Each resumed job asked once; under the narrow policy OSS refused and the record was used.
    expect(state.calls['ListParts']).toBe(2);
    expect(state.calls['HeadObject'] ?? 0).toBe(0);
  });
});
