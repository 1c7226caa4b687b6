import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreviewRenderer } from '../browser-host/server';
import { startHarness, writeMedia } from './helpers/harness';

const MiB = 1024 * 1024;

/**
 * Screenshots of the queue mid-upload, the history and the settings, in light and dark, English and
 * Chinese, written to test-results/screenshots/. Language and theme come from the browser (OS) settings,
 * so this also checks that both follow the OS. Runs on the dev services (simulated uploads) so the frames are
 * deterministic; upload-flow.test.ts takes the real-service shots (queue, history, settings).
 */
const VARIANTS = [
  { locale: 'en-US', colorScheme: 'light', tag: 'en-light', tabs: ['Queue', 'History', 'Settings'] },
  { locale: 'en-US', colorScheme: 'dark', tag: 'en-dark', tabs: ['Queue', 'History', 'Settings'] },
  { locale: 'zh-CN', colorScheme: 'light', tag: 'zh-light', tabs: ['上传队列', '历史记录', '设置'] },
  { locale: 'zh-CN', colorScheme: 'dark', tag: 'zh-dark', tabs: ['上传队列', '历史记录', '设置'] },
] as const;

describe('screenshots (dev services)', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'vod-e2e-renderer-'));
    await buildPreviewRenderer(rendererDir);
  });
  afterAll(async () => rm(rendererDir, { recursive: true, force: true }));

  for (const variant of VARIANTS) {
    it(`queue, history and settings in ${variant.tag}`, async () => {
      const h = await startHarness({
        services: 'dev',
        rendererDir,
        locale: variant.locale,
        colorScheme: variant.colorScheme,
        dev: { bytesPerSecond: 6 * MiB },
      });
      try {
        expect(await h.page.locator('html').getAttribute('lang')).toBe(
          variant.locale === 'zh-CN' ? 'zh-CN' : 'en',
        );
        const dark = await h.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(dark).toBe(variant.colorScheme === 'dark');

        await h.services.handlers['profiles:save']({
          name: 'Production (Shanghai)',
          region: 'cn-shanghai',
          defaults: { titleTemplate: '{name}', tags: ['rushes'] },
          credential: {
            kind: 'access-key',
            accessKeyId: 'LTAI5tExampleKeyId1234',
            accessKeySecret: 'x'.repeat(30),
          },
        });
        const folder = join(h.mediaDir, 'Shoot day 1');
        await writeMedia(folder, {
          'A001_C001.mp4': 2 * MiB,
          'A001_C002.mp4': 3 * MiB,
          'Card B/B001_C001.mov': 90 * MiB,
          'Card B/B001_C002.mov': 120 * MiB,
          'Card B/B001_C003.mov': 150 * MiB,
          'poster.jpg': 1 * MiB,
          'subtitles.srt': 20 * 1024,
          '.DS_Store': 10,
        });
        await h.app.dropPaths([folder]);
        await h.app.waitForRowState('A001_C001.mp4', ['done']);
        await h.app.waitForProgressAbove('B001_C001.mov', 20);
        await h.app.screenshot(`queue-${variant.tag}`);

        await h.app.openTab(variant.tabs[1]);
        await h.page.locator('tbody tr').first().waitFor();
        await h.app.screenshot(`history-${variant.tag}`);

        await h.app.openTab(variant.tabs[2]);
        await h.page.locator('.profile-item').first().waitFor();
        await h.app.screenshot(`settings-${variant.tag}`);
      } finally {
        await h.close();
      }
    });
  }
});
