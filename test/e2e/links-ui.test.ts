import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type RunningOrigin } from '../helpers/http-origin';
import { untranslatedText } from './helpers/english-text';
import { startHarness, type Harness } from './helpers/harness';

/**
 * "Add links…" and a dropped list of links, in Chromium on the real services: the emulator pulls each link
 * from a local HTTP origin (pull mode). Bad lines are shown with their reason before anything is queued and
 * stay in the box; the good ones are queued, reach done, and are in History and its CSV, a signed link masked.
 */
describe('Add links (real services + emulator + a local origin)', () => {
  let h: Harness;
  let origin: RunningOrigin;

  beforeAll(async () => {
    origin = await startOrigin({
      '/rushes/A001.mp4': { size: 300_000, seed: 1 },
      '/rushes/A002.mov': { size: 200_000, seed: 2 },
      '/signed/B001.mp4': { size: 150_000, seed: 3 },
      '/list/C001.mp4': { size: 120_000, seed: 4 },
      '/list/C002.mp4': { size: 110_000, seed: 5 },
      '/list/C004.mp4': { size: 130_000, seed: 6 },
    });
    h = await startHarness({ services: 'real' });
  });
  afterAll(async () => {
    await h?.close();
    await origin?.stop();
  });

  const dialog = () => h.page.getByTestId('links-dialog');
  const verdicts = () =>
    dialog()
      .getByTestId('link-line')
      .evaluateAll((items) =>
        items.map((li) => ({
          ok: li.getAttribute('data-ok') === 'true',
          link: li.querySelector('code')?.textContent ?? '',
          says: li.querySelector('.link-line__ok, .link-line__problem')?.textContent ?? '',
        })),
      );

  it('pasted links: bad lines show why and stay in the box; the good ones finish, in History and the CSV', async () => {
    const signed = `${origin.base}/signed/B001.mp4?Expires=1700000000&Signature=abcSECRETsig123`;
    const pasted = [
      `${origin.base}/rushes/A001.mp4`,
      'ftp://example.com/rushes/A003.mp4',
      `${origin.base}/rushes/A002.mov`,
      signed,
      `${origin.base}/docs/notes.pdf`,
    ];
    await h.page.getByRole('button', { name: 'Add links…' }).click();
    await dialog().getByLabel('Links, one per line').fill(pasted.join('\n'));
    // A link with a query is relayed by default; VOD pulls the whole batch when asked to.
    await dialog()
      .getByRole('radio', { name: /VOD fetches \(pull\)/ })
      .check();
    await expect.poll(verdicts, { timeout: 20_000 }).toEqual([
      { ok: true, link: pasted[0], says: 'VOD fetches it' },
      { ok: false, link: pasted[1], says: 'Only http and https links can be uploaded, not ftp' },
      { ok: true, link: pasted[2], says: 'VOD fetches it' },
      {
        ok: true,
        link: `${origin.base}/signed/B001.mp4?Expires=***&Signature=***`,
        says: 'VOD fetches it',
      },
      { ok: false, link: pasted[4], says: '.pdf files are not accepted by VOD' },
    ]);
    // Nothing is queued before the person says so.
    expect(await h.page.locator('.qrow__name', { hasText: 'A001.mp4' }).count()).toBe(0);

    await dialog().getByRole('button', { name: 'Queue 3 links' }).click();
    await expect.poll(() => dialog().getByTestId('links-note').textContent()).toContain('3 links queued');
    expect(await dialog().getByLabel('Links, one per line').inputValue()).toBe(
      [pasted[1], pasted[4]].join('\n'),
    );
    await expect.poll(verdicts).toHaveLength(2);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'hidden' });

    for (const name of ['A001.mp4', 'A002.mov', 'B001.mp4'])
      await h.app.waitForRowState(name, ['done'], 90_000);
    expect(await h.page.getByText('abcSECRETsig123').count()).toBe(0);

    await h.app.openTab('History');
    await expect.poll(() => h.page.locator('tbody tr').count(), { timeout: 20_000 }).toBe(3);
    const history = (await h.page.locator('.history-table').textContent()) ?? '';
    expect(history).not.toContain('abcSECRETsig123');
    const download = h.page.waitForEvent('download');
    await h.page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv).toContain(`${origin.base}/rushes/A001.mp4`);
    expect(csv).toContain(`${origin.base}/rushes/A002.mov`);
    expect(csv).toContain(`${origin.base}/signed/B001.mp4?Expires=***&Signature=***`);
    expect(csv).not.toContain('abcSECRETsig123');
    // VOD made one video per good link, from the origin itself.
    const pulled = h.real!.emulator.state().media.map((m) => m.params.SourceURL);
    expect(pulled).toEqual(expect.arrayContaining([pasted[0], pasted[2], signed]));
    await h.app.openTab('Queue');
  });

  it('a dropped .csv list: main reads it, its bad line is shown, the good links are queued and finish', async () => {
    const list = join(h.mediaDir, 'handover.csv');
    await writeFile(
      list,
      [
        'title,link',
        `Clip one,${origin.base}/list/C001.mp4`,
        `Clip two,${origin.base}/list/C002.mp4`,
        `Notes,${origin.base}/list/C003.docx`,
        `Clip four,${origin.base}/list/C004.mp4?token=abcSECRETtoken9`,
      ].join('\r\n'),
    );
    await h.app.dropPaths([list]);
    await dialog().waitFor({ state: 'visible' });
    expect(await dialog().getByRole('heading').textContent()).toBe('Add links from a list');
    expect(await dialog().textContent()).toContain('handover.csv');
    await expect.poll(verdicts, { timeout: 20_000 }).toEqual([
      { ok: true, link: `${origin.base}/list/C001.mp4`, says: 'VOD fetches it' },
      { ok: true, link: `${origin.base}/list/C002.mp4`, says: 'VOD fetches it' },
      { ok: false, link: `${origin.base}/list/C003.docx`, says: '.docx files are not accepted by VOD' },
      // Automatic: a link with a query is relayed by this computer.
      { ok: true, link: `${origin.base}/list/C004.mp4?token=***`, says: 'This computer relays it' },
    ]);
    await dialog().getByRole('button', { name: 'Queue 3 links' }).click();
    await expect
      .poll(() => dialog().getByTestId('links-note').textContent())
      .toBe('3 links queued. The lines with a problem were left out.');
    // The line left out stays in view with its reason.
    expect(await verdicts()).toContainEqual({
      ok: false,
      link: `${origin.base}/list/C003.docx`,
      says: '.docx files are not accepted by VOD',
    });
    await dialog().getByRole('button', { name: 'Close' }).click();
    for (const name of ['C001.mp4', 'C002.mp4', 'C004.mp4'])
      await h.app.waitForRowState(name, ['done'], 90_000);
    expect(await h.page.getByText('abcSECRETtoken9').count()).toBe(0);
    // The relayed one went through this computer (the origin saw ranged GETs); VOD fetched the other two.
    expect(origin.log.some((l) => l.path === '/list/C004.mp4' && l.range !== undefined)).toBe(true);
    // The list itself was not uploaded.
    expect(await h.page.locator('.qrow__name', { hasText: 'handover.csv' }).count()).toBe(0);
    expect(h.app.errors).toEqual([]);
  });

  it('in 简体中文, the dialog, its modes and the line verdicts show no English', async () => {
    await h.app.openTab('Settings');
    await h.page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await h.app.openTab('上传队列');
    await h.page.getByRole('button', { name: '添加链接…' }).click();
    await dialog()
      .getByLabel('链接，每行一个')
      .fill(['ftp://example.com/a.mp4', 'https://example.com/b.pdf'].join('\n'));
    await expect.poll(verdicts, { timeout: 20_000 }).toHaveLength(2);
    // The dialog only: the queue behind it is the zh-CN test's (test/e2e/zh-cn.test.ts).
    expect(await untranslatedText(h.page, ['ftp', '.pdf'], '[data-testid="links-dialog"]')).toEqual([]);
    await dialog().getByRole('button', { name: '关闭' }).click();
  });
});
