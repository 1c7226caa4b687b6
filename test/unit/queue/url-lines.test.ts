import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlLine } from '../../../electron/core/queue/url-intake';
import { MAX_URL_LIST_BYTES, linksOf, readUrlListFile } from '../../../electron/core/scan/url-list-file';
import { isUrlListPath } from '../../../shared/domain/url-links';
import type { UrlMode } from '../../../shared/logic/source-url';

const PULL_ONLY: ReadonlySet<UrlMode> = new Set(['pull']);
const BOTH: ReadonlySet<UrlMode> = new Set(['pull', 'relay']);

describe('the verdict of each link ("Add links…", queue:check-urls)', () => {
  it('says why a line cannot go up, as a code beside the English reason', () => {
    const codes = [
      'ftp://h.example/a.mp4',
      'h.example/a.mp4',
      'https://h.example/notes.pdf',
      'https://h.example/download',
      'https://h.example/%E0%A4%A.mp4',
    ].map((url) => urlLine(url, undefined, BOTH));
    expect(codes).toEqual([
      expect.objectContaining({ ok: false, problem: { code: 'scheme', scheme: 'ftp' } }),
      expect.objectContaining({ ok: false, problem: { code: 'malformed' } }),
      expect.objectContaining({ ok: false, problem: { code: 'extension', ext: 'pdf' } }),
      expect.objectContaining({ ok: false, problem: { code: 'no-extension' } }),
      expect.objectContaining({ ok: false, problem: { code: 'encoding' } }),
    ]);
    expect(urlLine('https://h.example/still.png', 'pull', BOTH)).toMatchObject({
      ok: false,
      problem: { code: 'image-pull' },
    });
  });

  it('refuses a link that would be relayed while relay is not run, and takes it once it is', () => {
    const signed = 'https://h.example/a.mp4?Signature=SECRET1';
    const before = urlLine(signed, undefined, PULL_ONLY);
    expect(before).toEqual({
      ok: false,
      display: 'https://h.example/a.mp4?Signature=***',
      problem: { code: 'mode-unavailable', mode: 'relay' },
      reason: expect.stringContaining('relay mode is not available yet'),
    });
    expect(urlLine(signed, undefined, BOTH)).toEqual({
      ok: true,
      display: 'https://h.example/a.mp4?Signature=***',
      mode: 'relay',
      kind: 'video',
    });
    // A batch that asks VOD to pull sends even a signed link by pull.
    expect(urlLine(signed, 'pull', PULL_ONLY)).toMatchObject({ ok: true, mode: 'pull' });
    expect(urlLine('https://h.example/a.mp4', undefined, PULL_ONLY)).toMatchObject({
      ok: true,
      mode: 'pull',
    });
  });
});

describe('a dropped list of links, read by main', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vod-url-lists-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('only .txt and .csv are lists', () => {
    expect(['a.txt', 'C:\\x\\b.CSV', '/x/y.csv'].map(isUrlListPath)).toEqual([true, true, true]);
    expect(['a.mp4', 'txt', '/x/.csv', 'a.txt.mp4'].map(isUrlListPath)).toEqual([false, false, false, false]);
  });

  it('reads the links of a CSV (a header and the title column ignored) and of a text list', async () => {
    const csv = join(dir, 'handover.csv');
    await writeFile(
      csv,
      '\uFEFFtitle,link\r\nOne,https://h.example/1.mp4\r\n"Two, B","https://h.example/2.mov"\r\n',
    );
    const txt = join(dir, 'links.txt');
    await writeFile(txt, '# rushes\nhttps://h.example/3.mp4\n\nnot a link\n');
    expect(await readUrlListFile(csv)).toEqual(['https://h.example/1.mp4', 'https://h.example/2.mov']);
    expect(await linksOf(['https://h.example/0.mp4'], [csv, txt])).toEqual([
      'https://h.example/0.mp4',
      'https://h.example/1.mp4',
      'https://h.example/2.mov',
      'https://h.example/3.mp4',
      'not a link',
    ]);
  });

  it('refuses what is not a list of links, with the reason', async () => {
    const other = join(dir, 'secret.json');
    await writeFile(other, '{"https://h.example/a.mp4":1}');
    await expect(readUrlListFile(other)).rejects.toMatchObject({ code: 'URL_LIST_UNREADABLE' });
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, 'title,link\n\n# nothing\n');
    await expect(readUrlListFile(empty)).rejects.toMatchObject({ code: 'URL_LIST_EMPTY' });
    const big = join(dir, 'big.txt');
    await writeFile(big, Buffer.alloc(MAX_URL_LIST_BYTES + 1, 0x41));
    await expect(readUrlListFile(big)).rejects.toMatchObject({ code: 'URL_LIST_TOO_LARGE' });
    await expect(readUrlListFile(join(dir, 'gone.txt'))).rejects.toMatchObject({
      code: 'URL_LIST_UNREADABLE',
    });
    await mkdir(join(dir, 'folder.txt'));
    await expect(readUrlListFile(join(dir, 'folder.txt'))).rejects.toMatchObject({
      code: 'URL_LIST_UNREADABLE',
      message: 'folder.txt is not a file.',
    });
  });
});
