import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, MiB, openRig, POLICIES, tempDir, writeRandomFile } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-refused-reads-');

afterAll(() => tmp.cleanup());

async function calls(operation: string): Promise<number> {
  return (await emulatorState(emulator.config)).calls[operation] ?? 0;
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(50);
  }
}

/**
 * Under the narrow policy ListParts and HeadObject are refused (403) for every upload credential of the
 * bucket: the engine asks once, remembers it for its lifetime, and goes straight to its own record / VOD
 * afterwards. Under the broad policy it asks every time, as before. Counted at the emulator.
 */
describe.each(POLICIES)('reads the %s upload policy refuses are asked once', (uploadPolicy) => {
  const times = uploadPolicy === 'narrow' ? 1 : 2;

  beforeAll(async () => {
    emulator = await startEmulator({ sink: true, seed: 11, transcodeDelay: 10, uploadPolicy });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it(`two lost Completes: HeadObject asked ${times}×, both jobs done`, async () => {
    const rig = openRig(join(tmp.dir, `lost-${uploadPolicy}.db`), emulator.config);
    rig.engine.start();
    const before = await calls('HeadObject');
    for (const name of ['first.mp4', 'second.mp4']) {
      const file = writeRandomFile(tmp.dir, `${uploadPolicy}-${name}`, 700 * KiB);
      emulator.schedule('lose-answer', 'CompleteMultipartUpload');
      const job = jobFor(file.path);
      rig.queue.jobs.insertMany([job]);
      rig.engine.poke();
      await rig.engine.whenIdle();
      const row = rig.queue.jobs.get(job.id)!;
      expect(row.status.state).toBe('done');
      expect(row.crc64).toBe(file.crc64);
    }
    expect((await calls('HeadObject')) - before).toBe(times);
    await rig.close();
  });

  it(`two paused jobs resumed one after the other: ListParts asked ${times}×, both done`, async () => {
    emulator.setFaults({ bandwidth: 1 * MiB });
    const rig = openRig(join(tmp.dir, `resume-${uploadPolicy}.db`), emulator.config, {
      stallTimeoutMs: 8_000,
    });
    const before = await calls('ListParts');
    rig.engine.start();
    const files = [0, 1].map((i) => writeRandomFile(tmp.dir, `${uploadPolicy}-resume${i}.mp4`, 3 * MiB));
    const jobs = files.map((f) => jobFor(f.path));
    // One at a time, so that each has parts on record and an upload id when it is paused.
    for (const job of jobs) {
      rig.queue.jobs.insertMany([job]);
      rig.engine.poke();
      await until(() => rig.queue.parts.list(job.id).length > 0);
      await rig.engine.pause([job.id]);
      expect(rig.queue.jobs.get(job.id)!.status.state).toBe('paused');
    }
    emulator.setFaults({ bandwidth: 0 });
    for (const job of jobs) {
      rig.engine.resume([job.id]);
      await rig.engine.whenIdle();
    }
    jobs.forEach((job, i) => {
      const row = rig.queue.jobs.get(job.id)!;
      expect(row.status.state).toBe('done');
      expect(row.crc64).toBe(files[i]!.crc64);
    });
    expect((await calls('ListParts')) - before).toBe(times);
    await rig.close();
  });
});
