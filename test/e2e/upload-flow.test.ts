import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc/dispatcher';
import { updateDocsScreenshot } from './helpers/docs-screenshot';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

const MiB = 1024 * 1024;

/**
 * The must-show flows against the real main-process services and the emulator: nothing simulated between
 * the synthesised drop and the emulator's OSS.
 */
describe('upload flow (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    // A capped emulator bandwidth keeps uploads slow enough to watch progress and pause mid-file.
    h = await startHarness({ services: 'real', emulator: { bandwidth: 4 * MiB, transcodeDelay: 200 } });
    // 1 MiB parts: progress counts acknowledged parts, so it moves in steps of a part; with the default
    // 8 MiB parts the 24 MiB file would be three steps.
    const set = await createDispatcher(h.services.handlers)('settings:set', { partSize: MiB });
    expect(set.ok).toBe(true);
  });
  afterAll(async () => h?.close());

  it('drop a folder → upload → pause stops progress → resume completes → history → CSV export', async () => {
    const folder = join(h.mediaDir, 'Shoot day 1');
    await writeMedia(folder, {
      'A001_C001.mp4': 24 * MiB,
      'Card B/B001_C001.mov': 6 * MiB,
      'poster.jpg': 200 * 1024,
      '.DS_Store': 64,
      'notes.txt': 10,
    });
    await h.app.dropPaths([folder]);
    await expect.poll(() => h.page.getByTestId('add-summary-text').textContent()).toMatch(/^3 files added/);
    await expect.poll(() => h.page.getByTestId('add-summary').textContent()).toContain('2 skipped');

    await h.app.waitForRowState('A001_C001.mp4', ['uploading']);
    const before = await h.app.waitForProgressAbove('A001_C001.mp4', 5);
    // The README's screenshot: the queue mid-upload on the real services, English, light.
    await updateDocsScreenshot(
      await h.app.screenshot('queue-mid-upload-real'),
      'screenshot-queue-en-light.png',
    );

    const atClick = await h.app.progressOf('A001_C001.mp4');
    expect(atClick).toBeGreaterThanOrEqual(before);
    await h.app
      .row('A001_C001.mp4')
      .getByRole('button', { name: /^Pause/ })
      .click();
    await h.app.waitForRowState('A001_C001.mp4', ['paused']);
    // Pause keeps progress: the bar shows acknowledged bytes only, so it never falls back from the click.
    const paused = await h.app.progressOf('A001_C001.mp4');
    expect(paused).toBeGreaterThanOrEqual(atClick);
    expect(paused).toBeLessThan(100);
    // Let the other files finish (a real wait on app state); the paused row must not have moved meanwhile.
    await h.app.waitForRowState('B001_C001.mov', ['done']);
    await h.app.waitForRowState('poster.jpg', ['done']);
    expect(await h.app.progressOf('A001_C001.mp4')).toBe(paused);

    await h.app
      .row('A001_C001.mp4')
      .getByRole('button', { name: /^Resume/ })
      .click();
    await h.app.waitForRowState('A001_C001.mp4', ['done'], 120_000);
    const mediaId = (await h.app.row('A001_C001.mp4').locator('.media-id').textContent()) ?? '';
    expect(mediaId).toMatch(/^\w{8,}/);
    await expect
      .poll(() => h.app.announcer().textContent(), { timeout: 10_000 })
      .toMatch(/uploaded|finished/);

    await h.app.openTab('History');
    await h.page.locator(`tr[data-media-id="${mediaId}"]`).waitFor();
    await expect.poll(() => h.page.locator('tbody tr').count()).toBe(3);
    const download = h.page.waitForEvent('download');
    await h.page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    const ids = await h.page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-media-id')));
    for (const id of ids) expect(csv).toContain(id);
    await updateDocsScreenshot(await h.app.screenshot('history-real'), 'screenshot-history-en-light.png');
  });

  it('shows a failing upload’s error with its retry count, and retry completes it', async () => {
    await h.app.openTab('Queue');
    const folder = join(h.mediaDir, 'Faulty');
    await writeMedia(folder, { 'broken.mp4': 2 * MiB });
    h.real!.emulator.setFaults({ errorRate: 1 });
    await h.app.dropPaths([folder]);
    await h.app.waitForRowState('broken.mp4', ['retrying', 'failed'], 120_000);
    await expect.poll(() => h.app.row('broken.mp4').locator('.qrow__error').textContent()).toBeTruthy();
    await h.app.waitForRowState('broken.mp4', ['failed'], 180_000);
    const errorText = (await h.app.row('broken.mp4').locator('.qrow__error').textContent()) ?? '';
    expect(errorText).toMatch(/retried \d+×|\S/);

    h.real!.emulator.setFaults({ errorRate: 0 });
    await h.app
      .row('broken.mp4')
      .getByRole('button', { name: /^Retry/ })
      .click();
    await h.app.waitForRowState('broken.mp4', ['done'], 120_000);
    expect(await h.app.row('broken.mp4').locator('.media-id').textContent()).toBeTruthy();
  });

  it('creates a profile in Settings and tests its connection against the emulator', async () => {
    await h.app.openTab('Settings');
    await h.page.getByRole('button', { name: 'Add profile' }).click();
    const form = h.page.getByRole('form', { name: 'Add profile' });
    const { config } = h.real!.emulator;
    await form.getByLabel('Name', { exact: true }).fill('Second account');
    await form.getByLabel('Region', { exact: true }).fill(config.regionId);
    await form.getByLabel('Endpoint (optional)').fill(config.vodEndpoint);
    await form.getByLabel('AccessKey ID').fill(config.accessKeyId);
    await form.getByLabel('AccessKey secret').fill('wrong-secret-value');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => form.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 30_000 })
      .toBe('wrong-key');

    await form.getByLabel('AccessKey secret').fill(config.accessKeySecret);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => form.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 30_000 })
      .toBe('ok');
    await form.getByRole('button', { name: 'Save profile' }).click();
    const item = h.page.locator('.profile-item', { hasText: 'Second account' });
    await item.waitFor();
    // The stored secret never comes back: the list shows only a masked key id.
    expect(await h.page.content()).not.toContain(config.accessKeySecret);
    await item.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => item.locator('[data-verdict]').getAttribute('data-verdict'), { timeout: 30_000 })
      .toBe('ok');
    await h.app.screenshot('settings-real');
  });
});
