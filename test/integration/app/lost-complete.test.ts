import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { AppHarness, waitFor } from '../../helpers/app-harness';

/**
 * The app's own wiring of the settle rule: under the narrow upload policy (the emulator's default) a
 * Complete whose answer is lost is settled with the profile's key through VOD GetVideoInfo, not by
 * uploading the file again.
 */
describe('a lost Complete in the app', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await AppHarness.start({
      prefix: 'vod-app-lost-',
      emulator: { transcodeDelay: 10 },
      profileSettings: { partSize: 256 * 1024 },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('is settled through VOD with the profile key: done, nothing sent twice', async () => {
    const folder = join(h.root, 'in');
    await mkdir(folder);
    const data = randomBytes(1_100_000);
    await writeFile(join(folder, 'lost.mp4'), data);

    h.emulator.schedule('lose-answer', 'CompleteMultipartUpload');
    await h.call('queue:add', { paths: [folder] });
    const job = () => h.internals.store.jobs.list().find((j) => j.name === 'lost.mp4');
    await waitFor(() => ['done', 'failed'].includes(job()?.status.state ?? ''));
    expect(job()!.status.state).toBe('done');
    expect(job()!.crc64).toBe(crc64(data));
    const state = h.emulator.state();
    expect(state.calls['CompleteMultipartUpload']).toBe(2);
    expect(state.calls['InitiateMultipartUpload']).toBe(1);
    expect(state.calls['UploadPart']).toBe(5);
    expect(state.calls['GetVideoInfo']).toBeGreaterThanOrEqual(1);
    expect(state.objects.find((o) => o.key === job()!.objectKey)?.crc64).toBe(crc64(data));
  });
});
