import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc/dispatcher';
import { untranslatedText } from './helpers/english-text';
import { updateDocsScreenshot } from './helpers/docs-screenshot';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

const MiB = 1024 * 1024;

/**
 * The UI in 简体中文 on the real services: the queue mid-upload (with a paused and a finished row, the batch
 * options open), the history and the settings show no English sentence. Checked over the rendered text,
 * labels, tooltips and placeholders; user data (file names, paths, titles, tags, ids) is marked
 * translate="no" and left out. Also writes the README's zh dark screenshots.
 */
describe('Simplified Chinese (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      services: 'real',
      locale: 'zh-CN',
      colorScheme: 'dark',
      emulator: { bandwidth: 2 * MiB, transcodeDelay: 100 },
    });
    await createDispatcher(h.services.handlers)('settings:set', { partSize: MiB });
  });
  afterAll(async () => h?.close());

  it('queue, history and settings show no English', async () => {
    await writeMedia(join(h.mediaDir, 'Shoot day 1'), {
      'A001_C001.mp4': 300 * 1024,
      'voice.mp3': 100 * 1024,
      'poster.jpg': 50 * 1024,
      'Card B/B001_C001.mov': 40 * MiB,
      'Card B/B001_C002.mov': 30 * MiB,
      '.DS_Store': 10,
    });
    await h.app.dropPaths([join(h.mediaDir, 'Shoot day 1')]);
    await h.app.waitForRowState('A001_C001.mp4', ['done']);
    await h.app.waitForProgressAbove('B001_C001.mov', 2);
    await h.app.row('B001_C002.mov').getByRole('button', { name: /^暂停/ }).click();
    await h.app.waitForRowState('B001_C002.mov', ['paused']);
    await updateDocsScreenshot(await h.app.screenshot('queue-zh-dark-real'), 'screenshot-queue-zh-dark.png');
    await h.page.locator('details.batch-options summary').click();
    await h.page
      .getByText('为什么？')
      .click()
      .catch(() => undefined);
    // The default profile is named in Batch options ("默认配置（Emulator）"): a name, not a sentence.
    expect(await untranslatedText(h.page, ['Emulator'])).toEqual([]);
    await h.page.locator('details.batch-options summary').click();

    await h.app.openTab('历史记录');
    await h.page.locator('tbody tr').first().waitFor();
    expect(await untranslatedText(h.page)).toEqual([]);
    await updateDocsScreenshot(
      await h.app.screenshot('history-zh-dark-real'),
      'screenshot-history-zh-dark.png',
    );

    await h.app.openTab('设置');
    await h.page.locator('.profile-item').first().waitFor();
    // The announcer may still name a file of the queue ("B001_C001.mov 已上传").
    const files = ['A001_C001.mp4', 'voice.mp3', 'poster.jpg', 'B001_C001.mov', 'B001_C002.mov'];
    expect(await untranslatedText(h.page, files)).toEqual([]);
    await h.app.openTab('上传队列');
  });
});
