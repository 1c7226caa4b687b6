import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { crc64 } from '../../../electron/core/oss/crc64';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';

const desktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};

/**
 * The app's own wiring of the settle rule: under the narrow upload policy (the emulator's default) a
 * Complete whose answer is lost is settled with the profile's key through VOD GetVideoInfo, not by
 * uploading the file again.
 */
describe('a lost Complete in the app', () => {
  let emulator: RunningEmulator;
  let root: string;
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, transcodeDelay: 10 });
    root = await mkdtemp(join(tmpdir(), 'vod-app-lost-'));
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir: join(root, 'data'),
      redactor: new Redactor(),
      logger: nullLogger,
      desktop,
      engine: engineTrust(emulator.config),
      vodStatusPollMs: 0,
    }));
    dispatch = createDispatcher(services.handlers);
  });

  afterAll(async () => {
    await services?.shutdown();
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  it('is settled through VOD with the profile key: done, nothing sent twice', async () => {
    const profile = await call<{ id: string }>('profiles:save', {
      name: 'Emulator',
      region: emulator.config.regionId,
      endpoint: emulator.config.vodEndpoint,
      defaults: { titleTemplate: '{name}', tags: [] },
      credential: {
        kind: 'access-key',
        accessKeyId: emulator.config.accessKeyId,
        accessKeySecret: emulator.config.accessKeySecret,
      },
    });
    await call('settings:set', { defaultProfileId: profile.id, partSize: 256 * 1024 });
    const folder = join(root, 'in');
    await mkdir(folder);
    const data = randomBytes(1_100_000);
    await writeFile(join(folder, 'lost.mp4'), data);

    emulator.schedule('lose-answer', 'CompleteMultipartUpload');
    await call('queue:add', { paths: [folder] });
    const end = Date.now() + 60_000;
    const job = () => internals.store.jobs.list().find((j) => j.name === 'lost.mp4');
    while (!['done', 'failed'].includes(job()?.status.state ?? '')) {
      if (Date.now() > end) throw new Error('the upload never ended');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job()!.status.state).toBe('done');
    expect(job()!.crc64).toBe(crc64(data));
    const state = emulator.state();
    expect(state.calls['CompleteMultipartUpload']).toBe(2);
    expect(state.calls['InitiateMultipartUpload']).toBe(1);
    expect(state.calls['UploadPart']).toBe(5);
    expect(state.calls['GetVideoInfo']).toBeGreaterThanOrEqual(1);
    expect(state.objects.find((o) => o.key === job()!.objectKey)?.crc64).toBe(crc64(data));
  });
});
