import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc/dispatcher';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

const MiB = 1024 * 1024;

/**
 * The queue at a glance, on the real services and the emulator: rows grouped by dropped folder with their
 * totals, cancel that asks first and cleans up in OSS and VOD, a failure's whole reason readable in its
 * row, and every action in reach at 800 px.
 */
describe('queue at a glance (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ services: 'real', emulator: { bandwidth: 2 * MiB } });
    const set = await createDispatcher(h.services.handlers)('settings:set', { partSize: MiB });
    expect(set.ok).toBe(true);
  });
  afterAll(async () => h?.close());

  it('groups rows by dropped folder; cancel asks first, then aborts the upload and deletes the media', async () => {
    const folder = join(h.mediaDir, 'Day 1');
    await writeMedia(folder, { 'Card A/A001.mp4': 12 * MiB, 'Card B/B001.mp4': 200 * 1024 });
    await h.app.dropPaths([folder]);
    const group = h.page.getByTestId('queue-group').filter({ hasText: 'Day 1' });
    await expect.poll(() => group.textContent()).toContain('2 files');
    await h.app.waitForRowState('A001.mp4', ['uploading']);
    await h.app.waitForProgressAbove('A001.mp4', 0);
    const emulator = h.real!.emulator;
    await expect.poll(() => emulator.uploads().length).toBeGreaterThan(0);

    const cancel = h.app.row('A001.mp4').getByRole('button', { name: /^Cancel/ });
    await cancel.click();
    const dialog = h.page.getByTestId('stop-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Focus starts on "Keep uploading": Enter (or a stray second click) does not cancel.
    await h.page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await h.app.rowState('A001.mp4')).not.toBe('canceled');

    await cancel.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel upload' }).click();
    await h.app.waitForRowState('A001.mp4', ['canceled']);
    await h.app.waitForRowState('B001.mp4', ['done']);
    // Cleaned up: no multipart upload left on OSS, and only the finished file's media is in VOD.
    await expect.poll(() => emulator.uploads().length).toBe(0);
    expect(emulator.state().media.map((m) => m.params['FileName'])).toEqual(['B001.mp4']);
    // The group's totals count every state, and the bar is full: nothing is left to do.
    await expect.poll(() => group.textContent()).toMatch(/1 uploaded.*1 canceled/);
    expect(await group.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await expect
      .poll(() => h.page.getByTestId('totals-counts').textContent())
      .toMatch(/1 of 2 files uploaded.*1 canceled/);
  });

  it('a failed row shows its reason, in full on demand, and copying says so', async () => {
    const folder = join(h.mediaDir, 'Broken');
    await writeMedia(folder, { 'broken.mp4': 300 * 1024 });
    h.real!.emulator.setFaults({ errorRate: 1 });
    try {
      await h.app.dropPaths([folder]);
      await h.app.waitForRowState('broken.mp4', ['failed'], 180_000);
    } finally {
      h.real!.emulator.setFaults({ errorRate: 0 });
    }
    const row = h.app.row('broken.mp4');
    const reason = row.locator('.qrow__error');
    expect((await reason.textContent())?.length).toBeGreaterThan(5);
    await reason.click();
    const details = row.locator('.qrow__details');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/InternalError|ServiceUnavailable|\d{3}/);
    await details.getByRole('button', { name: 'Copy error details' }).click();
    await expect.poll(() => h.page.getByTestId('toast').textContent()).toBe('Copied');
    // Retry is offered (the failure is transient), in the same place Pause was.
    expect(await row.getByRole('button', { name: /^Retry/ }).isVisible()).toBe(true);
  });

  it('keeps every action of a row in reach at 800 px wide', async () => {
    await h.page.setViewportSize({ width: 800, height: 600 });
    const folder = join(h.mediaDir, 'Narrow');
    await writeMedia(folder, { 'narrow-file-with-a-long-name-A001_C003_0101XY.mp4': 6 * MiB });
    await h.app.dropPaths([folder]);
    const name = 'narrow-file-with-a-long-name-A001_C003_0101XY.mp4';
    await h.app.waitForRowState(name, ['uploading', 'done']);
    const width = await h.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(800);
    for (const button of await h.app.row(name).getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(800);
    }
    await h.app.screenshot('queue-800px');
    // The header's add buttons and tabs stay in reach too.
    const add = await h.page.getByRole('button', { name: 'Add folder…' }).boundingBox();
    expect(add!.x + add!.width).toBeLessThanOrEqual(800);
  });
});
