import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

/**
 * The Watch folders panel against the real main-process services and the emulator, in real Chromium: a folder
 * added in the panel is watched by the real watcher, and a file dropped into it on disk shows up in the
 * queue and uploads like any other.
 */
describe('watch folders panel (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ services: 'real' });
  });
  afterAll(async () => h?.close());

  it('adds a watched folder; a file dropped into it appears in the queue and uploads', async () => {
    const folder = join(h.mediaDir, 'Hot folder');
    await mkdir(folder, { recursive: true });
    await h.app.openTab('Watch folders');
    await expect.poll(() => h.page.getByText('No watched folders yet.').count()).toBe(1);

    h.dialogAnswer = [folder];
    await h.page.getByRole('button', { name: 'Watch a folder…' }).click();
    const row = h.page.locator(`tr[data-watch-path="${folder}"]`);
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('watching');
    await h.app.screenshot('watch-folders-panel');

    await writeMedia(join(folder, 'Day 2'), { 'export_v3.mp4': 300_000 });
    // Counts move in the panel once the file is complete (still for the settle time) and queued.
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toMatch(/1 queued/);

    await h.app.openTab('Queue');
    await h.app.waitForRowState('export_v3.mp4', ['done'], 120_000);
    expect(await h.app.row('export_v3.mp4').locator('.media-id').textContent()).toBeTruthy();

    // Pause and stop watching from the panel.
    await h.app.openTab('Watch folders');
    await row.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('paused');
    await row.getByRole('button', { name: 'Stop watching' }).click();
    await row.getByRole('button', { name: 'Confirm: stop watching' }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('refuses delete-after-upload until it is confirmed', async () => {
    await h.page.getByLabel('After upload').selectOption('delete');
    h.dialogAnswer = [h.mediaDir];
    await h.page.getByRole('button', { name: 'Watch a folder…' }).click();
    await expect.poll(() => h.page.getByRole('alert').textContent()).toMatch(/Confirm that uploaded files/);
    expect(await h.page.locator('tr[data-watch-path]').count()).toBe(0);
  });
});
