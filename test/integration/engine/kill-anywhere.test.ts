import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/queue/database';
import type { NewJob } from '../../../electron/core/queue/jobs-repository-port';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { createPrng } from '../../emulator/prng';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { jobFor, KiB, MiB, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-kill-anywhere-');
const script = fileURLToPath(new URL('./fixtures/run-engine.ts', import.meta.url));
const settings = { filesAtOnce: 3, partsInFlight: 4, bandwidthLimit: 0, partSize: 256 * KiB };
const SEED = Number(process.env['KILL_SEED'] ?? 14);
const CYCLES = Number(process.env['KILL_CYCLES'] ?? 10);

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: SEED, bandwidth: 3 * MiB, transcodeDelay: 10 });
});
afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

/** Runs the engine in a child until it exits; `kill` decides when (if ever) it gets SIGKILL. */
async function runChild(
  dbFile: string,
  kill: { afterCreates?: number; afterMs?: number },
): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbFile], {
    env: {
      ...process.env,
      EMULATOR_CONFIG: JSON.stringify(emulator.config),
      ENGINE_SETTINGS: JSON.stringify(settings),
      KILL_AFTER_CREATES: String(kill.afterCreates ?? 0),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (kill.afterMs !== undefined) {
    // Count from "started" (the child's own start-up takes seconds on a loaded machine).
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('started')) resolve();
      });
      void exit.then(() => resolve());
    });
    await Promise.race([delay(kill.afterMs), exit]);
    child.kill('SIGKILL');
  }
  return exit;
}

describe('kill -9 at any moment, every kind of media', () => {
  it('ends with exactly one live media per file, none Uploading, no multipart upload open', async () => {
    const random = createPrng(SEED);
    const specs: Array<[string, number, Partial<NewJob>]> = [
      ['clip.mp4', 3 * MiB + 11, {}],
      ['voice.mp3', 1 * MiB + 7, {}],
      ['still.jpg', 700 * KiB, {}],
      ['subs.srt', 20 * KiB, {}],
      ['logo.png', 400 * KiB, { kind: 'attached', businessType: 'watermark' }],
      ['pack.zip', 1 * MiB + 3, { kind: 'attached', businessType: 'material' }],
    ];
    const files = specs.map(([name, size]) => writeRandomFile(tmp.dir, name, size));
    const jobs = specs.map(([, , overrides], i) => jobFor(files[i]!.path, overrides));
    const dbFile = join(tmp.dir, 'queue.db');
    const setup = openDatabase(dbFile);
    createQueueStore(setup.db).jobs.insertMany(jobs);
    setup.close();

    const kills: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Half the kills land right after a create answer arrives (before it is saved), half at random times.
      const kill =
        cycle % 2 === 0
          ? { afterCreates: 1 + Math.floor(random() * 3) }
          : { afterMs: Math.floor(random() * 2500) };
      const code = await runChild(dbFile, kill);
      kills.push(`${JSON.stringify(kill)} → ${code === null ? 'killed' : `exit ${code}`}`);
    }
    expect(await runChild(dbFile, {})).toBe(0);

    const check = openDatabase(dbFile, { readonly: true });
    const queue = createQueueStore(check.db);
    const rows = jobs.map((j) => queue.jobs.get(j.id)!);
    const pendingDeletions = queue.ledger.pendingDeletions();
    const intents = queue.ledger.orphanIntents();
    check.close();
    const state = emulator.state();
    const live = state.media;
    console.log(`kills: ${kills.join('; ')}; calls`, state.calls);

    expect(rows.map((r) => r.status.state)).toEqual(jobs.map(() => 'done'));
    rows.forEach((row, i) => expect(row.crc64).toBe(files[i]!.crc64));
    // Exactly the jobs' media are live: one per file, no orphan of any kind.
    expect(live.map((m) => m.mediaId).sort()).toEqual(rows.map((r) => r.mediaId!).sort());
    expect(live.filter((m) => m.status === 'Uploading')).toEqual([]);
    expect(emulator.uploads()).toEqual([]);
    expect(pendingDeletions).toEqual([]);
    expect(intents).toEqual([]);
    // Every kill after a create answer left a media nothing recorded: each was found and adopted or deleted.
    expect(state.calls['SearchMedia'] ?? 0).toBeGreaterThan(0);
  });
});
