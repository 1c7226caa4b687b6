import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/log/redactor';
import { KeyFileCipher } from '../../../electron/core/secrets/key-file-cipher';
import { UploadAuthVault } from '../../../electron/core/secrets/upload-auth-vault';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { jobFor, KiB, MiB, openRig, tempDir, writeRandomFile, type EngineRig } from './harness';

let emulator: RunningEmulator;
const tmp = tempDir('engine-reuse-auth-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, seed: 14 });
});
afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

const SLOW = { filesAtOnce: 2, partsInFlight: 1, bandwidthLimit: 0, partSize: 256 * KiB };

/**
 * An image and an attached media stopped mid-upload and started again in a new engine (the app restarted):
 * the credential VOD issued is kept encrypted (upload_auth_vault), so the same media goes on with its parts
 * instead of being deleted and created again.
 */
describe('an image or attached media keeps its media over a restart while its credential is valid', () => {
  it.each([
    ['still.jpg', 'CreateUploadImage', 'DeleteImage'],
    ['logo.png', 'CreateUploadAttachedMedia', 'DeleteAttachedMedia'],
  ])('%s: same media ID, one create, no delete', async (name, create, remove) => {
    const file = writeRandomFile(tmp.dir, name, 1 * MiB + 7);
    const dbFile = join(tmp.dir, `${name}.db`);
    const vault = (db: EngineRig['database']['db']) =>
      new UploadAuthVault(db, new KeyFileCipher(join(tmp.dir, `${name}.key`)), new Redactor());
    const job = jobFor(
      file.path,
      name.endsWith('.png') ? { kind: 'attached', businessType: 'watermark' } : {},
    );
    const before = { ...emulator.state().calls };

    emulator.setFaults({ bandwidth: 256 * KiB });
    const first = openRig(dbFile, emulator.config, { settings: SLOW, vault });
    first.queue.jobs.insertMany([job]);
    first.engine.start();
    while (first.queue.parts.list(job.id).length === 0) await new Promise((r) => setTimeout(r, 20));
    const mediaId = first.queue.jobs.get(job.id)!.mediaId!;
    const kept = first.database.db
      .prepare('SELECT ciphertext FROM upload_auth_vault WHERE job_id = ?')
      .get(job.id) as { ciphertext: Buffer };
    // Encrypted at rest: neither the STS secret nor the token appears in the row.
    expect(kept.ciphertext.toString('latin1')).not.toMatch(/SecurityToken|accessKeySecret|STS\./);
    await first.close();
    emulator.setFaults({ bandwidth: 0 });

    const second = openRig(dbFile, emulator.config, { settings: SLOW, vault });
    second.engine.start();
    await second.engine.whenIdle();
    const row = second.queue.jobs.get(job.id)!;
    await second.close();
    expect(row.status).toEqual({ state: 'done', mediaId });
    const calls = emulator.state().calls;
    expect((calls[create] ?? 0) - (before[create] ?? 0)).toBe(1);
    expect((calls[remove] ?? 0) - (before[remove] ?? 0)).toBe(0);
    expect(emulator.state().media.filter((m) => m.mediaId === mediaId)).toHaveLength(1);
  });
});
