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
  it('asks before deleting a preset and names the watched folders that queue with it', async () => {
    await h.app.openTab('Queue');
    const batch = h.page.locator('details.batch-options');
    if ((await batch.getAttribute('open')) === null) await batch.locator('summary').click();
    await batch.getByLabel('Preset name', { exact: true }).fill('Rushes');
    await batch.getByRole('button', { name: 'Save as preset' }).click();
    await expect.poll(() => h.app.announcer().textContent()).toContain('Preset “Rushes” saved');

    const folder = join(h.mediaDir, 'Card dumps');
    await mkdir(folder, { recursive: true });
    await h.app.openTab('Watch folders');
    await h.page.getByLabel('After upload').selectOption('leave');
    await h.page.getByLabel('Preset', { exact: true }).selectOption('Rushes');
    h.dialogAnswer = [folder];
    await h.page.getByRole('button', { name: 'Watch a folder…' }).click();
    const row = h.page.locator(`tr[data-watch-path="${folder}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('watching');

    await h.app.openTab('Queue');
    if ((await batch.getAttribute('open')) === null) await batch.locator('summary').click();
    await batch.getByLabel('Preset', { exact: true }).selectOption('Rushes');
    await batch.getByRole('button', { name: 'Delete preset' }).click();
    const question = batch.getByRole('alert');
    expect(await question.textContent()).toContain('Watched folders queue with “Rushes”');
    expect(await question.locator('li').allTextContents()).toEqual([folder]);

    // "Keep it" keeps it; asked again and confirmed, the preset goes and the folder says why its files wait.
    await question.getByRole('button', { name: 'Keep it' }).click();
    expect(await batch.locator('option', { hasText: 'Rushes' }).count()).toBe(1);
    await batch.getByRole('button', { name: 'Delete preset' }).click();
    await batch.getByRole('button', { name: 'Confirm: delete preset' }).click();
    await expect.poll(() => batch.locator('option', { hasText: 'Rushes' }).count()).toBe(0);

    await h.app.openTab('Watch folders');
    await expect
      .poll(() => row.textContent(), { timeout: 30_000 })
      .toContain('Its preset "Rushes" was deleted');
  });
});
