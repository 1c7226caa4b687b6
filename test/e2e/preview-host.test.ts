import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, writeMedia, type Harness } from './helpers/harness';

/**
 * The browser preview as someone trying the app meets it (real services + emulator in Chromium): it says
 * where "Add folder…" takes media from, a typed path uploads their own files, a drop the browser gives no
 * path for is explained rather than ignored, and a stopped server shows a banner.
 */
describe('browser preview (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ services: 'real', previewMedia: 'sample' });
  });
  afterAll(async () => h?.close());

  it('says that sample media is in use, and where it is', async () => {
    const notice = h.page.getByTestId('preview-media');
    await expect.poll(() => notice.textContent()).toContain('sample media');
    expect(await notice.textContent()).toContain(h.mediaDir);
    expect(await notice.textContent()).toContain('--media');
  });

  it('uploads a folder typed into the path field', async () => {
    const folder = join(h.mediaDir, 'Own clips');
    await writeMedia(folder, { 'Interview.mp4': 200 * 1024 });
    const field = h.page.getByLabel('Path on this computer');
    await field.fill(folder);
    await h.page.getByRole('button', { name: 'Add path' }).click();
    await h.app.waitForRowState('Interview.mp4', ['done']);
    expect(await field.inputValue()).toBe('');
  });

  it('explains a drop that comes without paths instead of ignoring it', async () => {
    await h.page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['x'], 'clip.mp4'));
      for (const type of ['dragenter', 'dragover', 'drop'])
        document.body.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
        );
    });
    await expect
      .poll(() => h.page.getByTestId('add-summary').textContent())
      .toContain('A browser gives dropped files no path');
  });

  it('shows a disconnect banner when the server stops', async () => {
    expect(await h.page.getByTestId('preview-disconnected').count()).toBe(0);
    await h.host.close();
    await expect.poll(() => h.page.getByTestId('preview-disconnected').count()).toBe(1);
    expect(await h.page.getByRole('alert').filter({ hasText: 'Disconnected' }).count()).toBe(1);
  });
});
