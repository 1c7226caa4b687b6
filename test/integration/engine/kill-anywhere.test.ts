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
/** A kill lands at most this long after the child is up. */
const MAX_DELAY_MS = 2500;
/**
 * While the kills run the link is slow (10 cycles × 2.5 s × 64 KiB/s is a quarter of the 6.3 MiB batch),
 * so every cycle is killed mid-work, and every answer is held back 100 ms, so kills often land after VOD
 * acted and before the engine heard. The last run goes at full speed.
 */
const SLOW = { bandwidth: 64 * KiB, latency: 100 };

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: SEED, transcodeDelay: 10, ...SLOW });
});
afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

/** Runs the engine in a child until it exits; `kill` decides when (if ever) it gets SIGKILL. */
async function runChild(
  dbFile: string,
  kill: { afterCreates?: number; afterMs?: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterCreate: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbFile], {
    env: {
      ...process.env,
      EMULATOR_CONFIG: JSON.stringify(emulator.config),
      ENGINE_SETTINGS: JSON.stringify(settings),
      KILL_AFTER_CREATES: String(kill.afterCreates ?? 0),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started')) resolve();
    });
    void exit.then(() => resolve());
  });
  if (kill.afterMs !== undefined) {
    // Count from "started" (the child's own start-up takes seconds on a loaded machine).
    await started;
    await Promise.race([delay(kill.afterMs), exit]);
    child.kill('SIGKILL');
  }
  const { code, signal } = await exit;
  return { code, signal, afterCreate: output.includes('killed-after-create') };
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
    let landed = 0;
    let afterCreate = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Half the kills land right after a create answer arrives (before it is saved; a timer at the end of
      // the range is the fallback), half at random times.
      const kill =
        cycle % 2 === 0
          ? { afterCreates: 1 + Math.floor(random() * 3), afterMs: MAX_DELAY_MS }
          : { afterMs: Math.floor(random() * MAX_DELAY_MS) };
      const exit = await runChild(dbFile, kill);
      if (exit.signal === 'SIGKILL') landed++;
      if (exit.afterCreate) afterCreate++;
      const how = exit.afterCreate ? 'killed after a create' : (exit.signal ?? `exit ${exit.code}`);
      kills.push(`${JSON.stringify(kill)} → ${how}`);
    }
    emulator.setFaults({ bandwidth: 0, latency: 0 });
    expect((await runChild(dbFile, {})).code).toBe(0);

    const check = openDatabase(dbFile, { readonly: true });
    const queue = createQueueStore(check.db);
    const rows = jobs.map((j) => queue.jobs.get(j.id)!);
    const pendingDeletions = queue.ledger.pendingDeletions();
    const intents = queue.ledger.orphanIntents();
    check.close();
    const state = emulator.state();
    const live = state.media;
    console.log(`kills: ${kills.join('; ')}; calls`, state.calls);

    // Every cycle was killed mid-work (none finished the batch), some right after a create answer.
    expect(landed).toBe(CYCLES);
    expect(afterCreate).toBeGreaterThan(0);

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
