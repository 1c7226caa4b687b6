import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

/**
 * UI behaviour that needs no cloud: keyboard operation, language switch, the 10,000-row render. These run
 * against the in-memory dev services (simulated uploads) so they stay fast and deterministic.
 */
describe('queue UI (dev services)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Slow simulated uploads so a paused row is observably not moving.
    h = await startHarness({ services: 'dev', dev: { bytesPerSecond: 2 * 1024 * 1024 } });
  });
  afterAll(async () => h?.close());

  it('pauses and resumes with the keyboard only', async () => {
    const folder = join(h.mediaDir, 'Keys');
    await writeMedia(folder, { 'k1.mp4': 40 * 1024 * 1024, 'k2.mp4': 40 * 1024 * 1024 });
    await h.app.dropPaths([folder]);
    await h.app.waitForRowState('k1.mp4', ['uploading']);
    await h.app.waitForProgressAbove('k1.mp4', 0);

    await h.app.grid().focus();
    await h.page.keyboard.press('Home');
    await expect.poll(() => h.app.grid().getAttribute('aria-activedescendant')).toMatch(/^job-row-/);
    await h.page.keyboard.press('Space');
    await h.app.waitForRowState('k1.mp4', ['paused']);
    const paused = await h.app.progressOf('k1.mp4');
    // Two more snapshot ticks' worth of waiting on the other row: the paused one must not move.
    await h.app.waitForProgressAbove('k2.mp4', (await h.app.progressOf('k2.mp4')) + 2);
    expect(await h.app.progressOf('k1.mp4')).toBe(paused);

    await h.page.keyboard.press('Space');
    await h.app.waitForRowState('k1.mp4', ['queued', 'uploading']);
    await h.app.waitForProgressAbove('k1.mp4', paused);

    // Ctrl+A selects every row; R retries only what can be retried (nothing here), Delete removes all.
    await h.page.keyboard.press('Control+a');
    await expect.poll(() => h.page.locator('[role="row"][aria-selected="true"]').count()).toBe(2);
    // Both are unfinished, so Delete asks first; Enter keeps them (focus starts on "Keep uploading").
    await h.page.keyboard.press('Delete');
    const dialog = h.page.getByTestId('stop-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await h.page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await h.page.locator('[role="row"][data-job-id]').count()).toBe(2);
    await h.app.grid().focus();
    await h.page.keyboard.press('Delete');
    await dialog.getByRole('button', { name: 'Cancel and remove' }).click();
    await expect.poll(() => h.app.grid().getAttribute('aria-rowcount')).toBe('1');
  });

  it('switches language to Simplified Chinese and back', async () => {
    await h.app.openTab('Settings');
    await h.page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await h.page.getByRole('tab', { name: '设置' }).waitFor();
    expect(await h.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => h.page.getByRole('heading', { name: '语言与外观' }).count()).toBe(1);
    await h.page.getByLabel('语言', { exact: true }).selectOption('en');
    await h.page.getByRole('tab', { name: 'Settings' }).waitFor();
    expect(await h.page.locator('html').getAttribute('lang')).toBe('en');
    await h.app.openTab('Queue');
  });

  it('mounts and scrolls 10,000 queued rows', async () => {
    const started = performance.now();
    h.dev!.seed(10_000);
    await expect
      .poll(() => h.app.grid().getAttribute('aria-rowcount'), { timeout: 30_000, interval: 50 })
      .toBe(String(10_000 + 100 + 1)); // rows, a header per folder of 100, the column header
    const mounted = performance.now() - started;
    const rendered = await h.page.locator('[role="row"][aria-rowindex]').count();
    // Virtualized: a screenful plus overscan, never 10,000 DOM rows.
    expect(rendered).toBeLessThan(80);

    // Measured inside the page: each step scrolls a twentieth further and waits two frames for the render.
    const scrolled = await h.page.locator('.qgrid__body').evaluate(async (el) => {
      const t0 = performance.now();
      for (let i = 1; i <= 20; i++) {
        el.scrollTop = (el.scrollHeight * i) / 20;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      return performance.now() - t0;
    });
    await h.page.locator('[role="row"][aria-rowindex="10101"]').waitFor();

    // Keyboard End reaches the last row and names it as the active descendant.
    await h.app.grid().focus();
    await h.page.keyboard.press('End');
    await expect.poll(() => h.page.locator('.qrow--focused').getAttribute('aria-rowindex')).toBe('10101');
    console.log(
      `[10k rows] mount ${mounted.toFixed(0)} ms, 20 scroll steps to the end ${scrolled.toFixed(0)} ms (${(scrolled / 20).toFixed(1)} ms per step, 2 frames each)`,
    );
    // No console error at all: the meta CSP no longer carries frame-ancestors, which Chromium rejects there.
    expect(h.app.errors).toEqual([]);
  });
});

describe('a launch with files (dev services)', () => {
  let h: Harness | undefined;
  afterAll(async () => h?.close());

  it('adds the paths the host held until the renderer had subscribed', async () => {
    // What `vod-uploader clip.mp4` or a file dropped on the dock icon during start-up leaves with main.
    const folder = await mkdtemp(join(tmpdir(), 'vod-e2e-launch-'));
    await writeMedia(folder, { 'from-launch.mp4': 1024 * 1024 });
    h = await startHarness({ services: 'dev', dev: { pendingPaths: [join(folder, 'from-launch.mp4')] } });
    await h.app.waitForRowState('from-launch.mp4', ['queued', 'preparing', 'uploading', 'done']);
    expect(h.app.errors).toEqual([]);
  });
});
