import type { Page } from 'playwright-core';

/**
 * Words that are names, not English: product and protocol names, units, key names. Anything else in Latin
 * letters on a zh-CN screen is an untranslated string.
 */
const ALLOWED = new Set(
  [
    'VOD', 'OSS', 'ID', 'IDs', 'CSV', 'JSON', 'TSV', 'URL', 'STS', 'RAM', 'AccessKey', 'App', 'CRC', 'CRC-64',
    'B', 'KiB', 'MiB', 'GiB', 'TiB', 'KiB/s', 'MiB/s', 'GiB/s', 's', 'min', 'h', 'd', 'ARN', 'RequestId',
    'Ctrl', 'Ctrl+A', 'R', 'Space', 'Delete', 'Extend', 'UserData', 'png', 'gif', 'apng', 'mov', 'jpg', 'mp4',
    'zip', 'cn-shanghai', 'LTAI', 'ApsaraVideo', 'Alibaba', 'Cloud', 'preset', 'name', 'filename', 'ext',
    'folder', 'path', 'date', 'time', 'mdate', 'index', 'Enter', 'http', 'https', 'JPEG', 'PNG', 'Windows',
    'PostgreSQL', 'postgres',
  ].map((w) => w.toLowerCase()),
); // prettier-ignore

/**
 * Every piece of text a person reads on the page (text, aria-label, title, placeholder) outside user data
 * (marked translate="no": file names, paths, titles, tags, ids) and outside form values, with the Latin words
 * in it that are not names. Returns the offending strings.
 */
export async function untranslatedText(
  page: Page,
  userData: readonly string[] = [],
  /** Only what is inside the element this CSS selector finds (a dialog); the whole page by default. */
  within = 'body',
): Promise<string[]> {
  const texts = await page.evaluate((scope) => {
    const root = document.querySelector(scope) ?? document.body;
    const out: string[] = [];
    const skip = (el: Element | null) =>
      !!el?.closest('[translate="no"], code, script, style, option[value=""] ~ option, datalist, [hidden]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || skip(el) || el.closest('select')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    for (const option of root.querySelectorAll('select option')) {
      if (!skip(option) && option.textContent?.trim()) out.push(option.textContent.trim());
    }
    // User data also appears inside labels ("暂停：A001.mp4"): what translate="no" marks is taken out there too.
    const data = [...root.querySelectorAll('[translate="no"]')]
      .map((el) => el.textContent?.trim() ?? '')
      .filter((text) => text.length > 0);
    return { out, data };
  }, within);
  const data = [...texts.data, ...userData].sort((a, b) => b.length - a.length);
  return texts.out.filter((raw) => {
    let text = raw;
    for (const value of data) text = text.split(value).join(' ');
    const words = text.match(/[A-Za-z][A-Za-z+\-/.]*[A-Za-z]|[A-Za-z]/g) ?? [];
    return words.some((word) => !ALLOWED.has(word.toLowerCase()));
  });
}
