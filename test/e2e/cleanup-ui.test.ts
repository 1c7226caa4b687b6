import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/core/ipc/dispatcher';
import { StaticCredentialSource } from '../../electron/core/vod/caller-credentials';
import { parseEndpoint } from '../../electron/core/vod/endpoints';
import { VodClient } from '../../electron/core/vod/vod-client';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

const MiB = 1024 * 1024;

/**
 * Failed cleanups are visible in the app (real services + emulator, real Chromium): a delete that fails after a
 * cancel shows as a notice above the queue; "Show" opens Settings → Clean up VOD with the media ID, error and
 * attempts; "Retry now" clears it once VOD answers. The check lists a media not made here, and removing it
 * asks first.
 */
describe('Clean up VOD in the app', () => {
  let h: Harness;
  let dispatch: Dispatch;
  beforeAll(async () => {
    h = await startHarness({ services: 'real', emulator: { bandwidth: MiB } });
    dispatch = createDispatcher(h.services.handlers);
    await dispatch('settings:set', { partSize: 256 * 1024 });
  });
  afterAll(async () => h?.close());

  it('shows a failed delete, retries it, and removes a leftover after asking', async () => {
    const emulator = h.real!.emulator;
    const live = (id: string) => emulator.state().media.some((m) => m.mediaId === id);
    await writeMedia(h.mediaDir, { 'clip.mp4': 4 * MiB });
    await h.app.dropPaths([join(h.mediaDir, 'clip.mp4')]);
    await h.app.waitForProgressAbove('clip.mp4', 1);
    const listed = await dispatch('queue:list', {});
    const job = listed.ok
      ? (listed.value as { jobs: { id: string; mediaId: string | null }[] }).jobs[0]!
      : null;
    const mediaId = job!.mediaId!;

    // VOD fails every call while the job is canceled: the delete is kept, and the queue says so.
    emulator.setFaults({ errorRate: 1 });
    await dispatch('queue:cancel', { ids: [job!.id], deleteRemote: true });
    const notice = h.page.getByTestId('cleanup-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('1 cleanup(s) pending in VOD');
    emulator.setFaults({ errorRate: 0, bandwidth: 0 });

    await notice.getByRole('button', { name: 'Show' }).click();
    const pending = h.page.getByTestId('cleanup-pending');
    await pending.waitFor();
    const text = (await pending.textContent()) ?? '';
    expect(text).toContain(mediaId);
    expect(text).toMatch(/1 attempt\(s\)/);
    expect(text).toMatch(/InternalError|ServiceUnavailable/);
    await pending.getByRole('button', { name: 'Retry now' }).click();
    await pending.waitFor({ state: 'detached' });
    expect(live(mediaId)).toBe(false);

    // A media in Uploading not made here: listed, removed only when ticked, after a confirmation.
    const vod = new VodClient({
      endpoint: parseEndpoint(emulator.config.vodEndpoint),
      regionId: emulator.config.regionId,
      credentials: new StaticCredentialSource(emulator.config),
    });
    const other = await vod.createUploadImage({ title: 'someone else', imageExt: 'png' });
    const panel = h.page.getByTestId('cleanup');
    await panel.getByRole('button', { name: 'Check now' }).click();
    await panel.locator(`[data-media-id="${other.mediaId}"][data-owner="other"]`).waitFor();
    expect(await panel.getByRole('button', { name: 'Remove leftovers (0)' }).isDisabled()).toBe(true);
    await panel.getByRole('checkbox').check();
    const asked: string[] = [];
    h.page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await panel.getByRole('button', { name: 'Remove leftovers (1)' }).click();
    await panel.getByTestId('cleanup-clean').waitFor();
    expect(asked[0]).toContain('Delete 1 media');
    expect(live(other.mediaId)).toBe(false);
  });
});
