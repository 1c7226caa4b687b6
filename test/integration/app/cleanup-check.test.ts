import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanupFixResult, CleanupReport, PendingCleanup } from '../../../shared/domain/cleanup';
import type { AppServices } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { withMarker } from '../../../electron/core/vod/upload-marker';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';
import { emulatorVod } from '../engine/harness';

/**
 * The app's clean-up check through the contract, as the renderer's Settings → Clean up sends it, on the real
 * services (SQLite file, emulator): a paused job's media is left alone, this data dir's orphan is removed, a
 * delete that fails after a cancel is kept and shown (cleanup:pending) and goes once retried.
 */
describe('Settings → Clean up VOD through the contract', () => {
  let emulator: RunningEmulator;
  let root: string;
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    root = await mkdtemp(join(tmpdir(), 'vod-app-cleanup-'));
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir: join(root, 'data'),
      redactor: new Redactor(),
      logger: nullLogger,
      desktop: { openFiles: async () => [], openFolder: async () => [], showInFolder: async () => undefined },
      engine: engineTrust(emulator.config),
      clientTuning: { maxAttempts: 1 },
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

  async function waitFor(predicate: () => boolean, timeoutMs = 60_000) {
    const started = Date.now();
    while (!predicate()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const live = (id: string) => emulator.state().media.some((m) => m.mediaId === id);

  it('finds, tells apart and removes leftovers; a failed delete is shown and retried', async () => {
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

    // A job paused mid-upload: its video is in Uploading and belongs to the queue.
    emulator.setFaults({ bandwidth: 1024 * 1024 });
    const file = join(root, 'paused.mp4');
    await writeFile(file, Buffer.alloc(4 * 1024 * 1024, 5));
    const { jobIds } = await call<{ jobIds: string[] }>('queue:add', { paths: [file] });
    const id = jobIds[0]!;
    await waitFor(() => internals.store.parts.list(id).length > 0);
    await call('queue:pause', { ids: [id] });
    emulator.setFaults({ bandwidth: 0 });
    const queuedMedia = internals.store.jobs.get(id)!.mediaId!;

    const vod = emulatorVod(emulator.config);
    const installation = internals.store.cleanup.ensureInstallationId();
    const orphan = await vod.createUploadAttachedMedia({
      title: 'left',
      businessType: 'watermark',
      mediaExt: 'png',
      userData: withMarker(undefined, `${installation}0042`),
    });
    const other = await vod.createUploadImage({ title: 'someone else', imageExt: 'png' });

    const report = await call<CleanupReport>('cleanup:check', { profileId: null });
    const owner = (mediaId: string) => report.media.find((m) => m.mediaId === mediaId)?.owner;
    expect(report.profileName).toBe('Emulator');
    expect(owner(queuedMedia)).toBe('in-use');
    expect(owner(orphan.mediaId)).toBe('orphan');
    expect(owner(other.mediaId)).toBe('other');

    // What the panel sends after its confirmation: the IDs it listed as removable.
    const fixed = await call<CleanupFixResult>('cleanup:fix', {
      profileId: profile.id,
      includeOthers: false,
      only: [orphan.mediaId],
    });
    expect(fixed.removedMedia).toEqual([orphan.mediaId]);
    expect(live(orphan.mediaId)).toBe(false);
    expect(live(other.mediaId)).toBe(true);
    expect(live(queuedMedia)).toBe(true);

    // Cancel while VOD fails every call: the delete is kept, with its error and attempts, for the app to show.
    emulator.setFaults({ errorRate: 1 });
    await call('queue:cancel', { ids: [id], deleteRemote: true });
    const { pending } = await call<{ pending: PendingCleanup[] }>('cleanup:pending', {});
    expect(pending).toEqual([
      expect.objectContaining({ mediaId: queuedMedia, reason: 'canceled', attempts: 1 }),
    ]);
    expect(pending[0]!.lastError?.code).toMatch(/InternalError|ServiceUnavailable/);
    expect(live(queuedMedia)).toBe(true);

    // "Retry now" once VOD answers again.
    emulator.setFaults({ errorRate: 0 });
    const retried = await call<{ pending: PendingCleanup[] }>('cleanup:retry', {});
    expect(retried.pending).toEqual([]);
    expect(live(queuedMedia)).toBe(false);
  });
});
