import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import { parseEndpoint } from '../../../electron/core/vod/endpoints';
import { VodClient } from '../../../electron/core/vod/vod-client';
import { type RunningEmulator } from '../../emulator/index';
import { runCli } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

/** `vod-upload cancel` and `remove` through the real process: the unfinished media leaves VOD. */
describe('vod-upload cancel and remove clean up VOD', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];

  beforeAll(async () => {
    rig = await startCliRig('cancel');
    ({ emulator, root, env } = rig);
    connection = rig.connection;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** A paused job whose media exists in VOD (what Ctrl-C mid-upload leaves). */
  async function pausedJob(dataDir: string, name: string): Promise<{ path: string; mediaId: string }> {
    const path = join(root, name);
    await writeFile(path, Buffer.alloc(4096, 7));
    const info = await stat(path);
    const vod = new VodClient({
      endpoint: parseEndpoint(emulator.config.vodEndpoint),
      regionId: emulator.config.regionId,
      credentials: new StaticCredentialSource(emulator.config),
    });
    const image = await vod.createUploadImage({ title: name, imageExt: 'jpg' });
    const database = openDatabase(join(dataDir, QUEUE_DB_FILE));
    try {
      const { jobs } = createQueueStore(database.db);
      jobs.insertMany([
        {
          id: `job-${name}`,
          path,
          root: dirname(path),
          relativeDir: '',
          name: basename(path),
          kind: 'image',
          businessType: null,
          size: info.size,
          mtimeMs: info.mtimeMs,
          profileId: null,
          title: name,
          metadata: { titleTemplate: '{name}', tags: [] },
        },
      ]);
      jobs.recordGrant(`job-${name}`, {
        mediaId: image.mediaId,
        uploadAddress: image.uploadAddress,
        endpoint: emulator.config.ossEndpoint,
        bucket: emulator.bucket,
        objectKey: `image/default/${image.mediaId}.jpg`,
      });
      jobs.setStatus(`job-${name}`, { state: 'paused' });
    } finally {
      database.close();
    }
    return { path, mediaId: image.mediaId };
  }

  const live = (id: string) => emulator.state().media.some((m) => m.mediaId === id);

  it('cancel deletes the media by default; --keep-remote keeps it; remove deletes it', async () => {
    const dataDir = join(root, 'data');
    const a = await pausedJob(dataDir, 'a.jpg');
    const b = await pausedJob(dataDir, 'b.jpg');
    const c = await pausedJob(dataDir, 'c.jpg');
    expect([a, b, c].every((j) => live(j.mediaId))).toBe(true);

    const canceled = await runCli(['cancel', a.path, '--data-dir', dataDir, ...connection], env);
    expect(canceled.code).toBe(0);
    expect(live(a.mediaId)).toBe(false);

    const kept = await runCli(['cancel', b.path, '--keep-remote', '--data-dir', dataDir, ...connection], env);
    expect(kept.code).toBe(0);
    expect(live(b.mediaId)).toBe(true);

    const removed = await runCli(['remove', c.path, '--data-dir', dataDir, ...connection], env);
    expect(removed.code).toBe(0);
    expect(live(c.mediaId)).toBe(false);
  });
});
