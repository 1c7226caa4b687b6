import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanupReport, PendingCleanup } from '../../../shared/domain/cleanup';
import type { AppServices } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { OssClients } from '../../../electron/core/engine/oss-clients';
import { AuthServiceClient } from '../../../electron/core/vod/auth-service-client';
import { toUploadGrant } from '../../../electron/core/vod/upload-auth';
import { startAuthService, type RunningAuthService } from '../../auth-service';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';
import { emulatorVod } from '../engine/harness';

/**
 * Cancel and the clean-up check for an authorization-service profile: with the protocol's optional /delete the
 * canceled media leaves VOD; with a service that lacks it the delete stays owed, shown with an error that says
 * so plainly, and the check says it too. The reference service never deletes a finished media.
 */
describe('authorization-service profiles clean up through /delete', () => {
  let emulator: RunningEmulator;
  let withDelete: RunningAuthService;
  let withoutDelete: RunningAuthService;
  let root: string;
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    withDelete = await startAuthService({ ...emulator.config });
    withoutDelete = await startAuthService({ ...emulator.config, offerDelete: false });
    root = await mkdtemp(join(tmpdir(), 'vod-auth-delete-'));
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
    await call('settings:set', { partSize: 256 * 1024 });
  });

  afterAll(async () => {
    await services?.shutdown();
    await withDelete?.stop();
    await withoutDelete?.stop();
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

  /** A job of the profile, mid-upload: its media exists in VOD. */
  async function startedJob(profileId: string, name: string): Promise<{ id: string; mediaId: string }> {
    emulator.setFaults({ bandwidth: 512 * 1024 });
    const file = join(root, name);
    await writeFile(file, Buffer.alloc(3 * 1024 * 1024, 9));
    const { jobIds } = await call<{ jobIds: string[] }>('queue:add', {
      paths: [file],
      options: { profileId },
    });
    const id = jobIds[0]!;
    await waitFor(() => internals.store.parts.list(id).length > 0);
    return { id, mediaId: internals.store.jobs.get(id)!.mediaId! };
  }

  async function profile(name: string, url: string): Promise<string> {
    const saved = await call<{ id: string }>('profiles:save', {
      name,
      region: emulator.config.regionId,
      defaults: { titleTemplate: '{name}', tags: [] },
      credential: { kind: 'auth-service', url },
    });
    return saved.id;
  }

  it('a service with /delete: cancel removes the media; the check says search is not available', async () => {
    const profileId = await profile('With delete', withDelete.url);
    const job = await startedJob(profileId, 'with-delete.mp4');
    await call('queue:cancel', { ids: [job.id], deleteRemote: true });
    emulator.setFaults({ bandwidth: 0 });
    expect(live(job.mediaId)).toBe(false);
    expect(withDelete.requests['delete']).toBe(1);
    expect((await call<{ pending: PendingCleanup[] }>('cleanup:pending', {})).pending).toEqual([]);
    const report = await call<CleanupReport>('cleanup:check', { profileId });
    expect(report.limits.map((l) => l.code)).toEqual(['SEARCH_UNAVAILABLE']);
  });

  it('a service without it: the delete stays owed and both cancel and the check say why', async () => {
    const profileId = await profile('Without delete', withoutDelete.url);
    const job = await startedJob(profileId, 'without-delete.mp4');
    await call('queue:cancel', { ids: [job.id], deleteRemote: true });
    emulator.setFaults({ bandwidth: 0 });
    expect(live(job.mediaId)).toBe(true);
    const { pending } = await call<{ pending: PendingCleanup[] }>('cleanup:pending', {});
    expect(pending).toEqual([expect.objectContaining({ mediaId: job.mediaId, profileId, attempts: 1 })]);
    expect(pending[0]!.lastError).toMatchObject({ code: 'AUTH_SERVICE_NO_DELETE' });
    expect(pending[0]!.lastError!.message).toContain('does not offer deleting media');
    expect(pending[0]!.lastError!.message).toContain(job.mediaId);
    const report = await call<CleanupReport>('cleanup:check', { profileId });
    expect(report.limits.map((l) => l.code)).toEqual(['DELETE_UNAVAILABLE', 'SEARCH_UNAVAILABLE']);
    expect(report.pending.map((p) => p.mediaId)).toEqual([job.mediaId]);
  });

  it('the reference service deletes only unfinished media of the kind asked', async () => {
    const vod = emulatorVod(emulator.config);
    const client = new AuthServiceClient({ url: withDelete.url, redactor: new Redactor(), maxAttempts: 1 });
    // A finished image (its object uploaded, so VOD reports it Normal): never deleted through a token.
    const done = await vod.createUploadImage({ title: 'finished', imageExt: 'png' });
    const grant = toUploadGrant(done, 'image', Date.now());
    const oss = new OssClients({
      bandwidthLimit: 0,
      stallTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      ...engineTrust(emulator.config),
    });
    try {
      await oss.clientFor(grant.target, () => grant).putObject(grant.target.objectKey, Buffer.alloc(2048, 1));
    } finally {
      oss.destroy();
    }
    expect(emulator.state().media.find((m) => m.mediaId === done.mediaId)?.status).toBe('Normal');
    await expect(client.deleteMedia({ kind: 'image', mediaIds: [done.mediaId] })).resolves.toEqual({
      deleted: [],
      refused: [done.mediaId],
    });
    expect(live(done.mediaId)).toBe(true);

    const unfinished = await vod.createUploadImage({ title: 'left', imageExt: 'png' });
    await expect(
      client.deleteMedia({ kind: 'video', mediaIds: [unfinished.mediaId] }),
    ).resolves.toMatchObject({
      deleted: [],
    });
    await expect(
      client.deleteMedia({ kind: 'image', mediaIds: [unfinished.mediaId] }),
    ).resolves.toMatchObject({
      deleted: [unfinished.mediaId],
    });
    expect(live(unfinished.mediaId)).toBe(false);
  });
});
