import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUrlListPath } from '../../../shared/domain/url-links';
import { readUrlList } from '../../../shared/logic/source-url';
import { AppError } from '../base/app-error';

/** A list of links is text: 4 MiB holds tens of thousands of long signed URLs. */
export const MAX_URL_LIST_BYTES = 4 * 1024 * 1024;
/** One add takes at most 10,000 links (the contract's limit). */
export const MAX_URL_LIST_LINKS = 10_000;

/**
 * The links of a dropped .txt or .csv list (readUrlList: one per line; in a CSV line, the cells that are
 * links). Main reads it for the renderer, which never reads files. Only .txt and .csv are read, and only
 * up to MAX_URL_LIST_BYTES, so the renderer cannot ask for an arbitrary file's content.
 */
export async function readUrlListFile(path: string): Promise<string[]> {
  const name = basename(path);
  if (!isUrlListPath(path)) {
    throw new AppError('URL_LIST_UNREADABLE', `${name} is not a .txt or .csv list of links.`);
  }
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size, isFile } = await file.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) throw new AppError('URL_LIST_UNREADABLE', `${name} is not a file.`);
      if (size > MAX_URL_LIST_BYTES) {
        throw new AppError(
          'URL_LIST_TOO_LARGE',
          `${name} is larger than ${MAX_URL_LIST_BYTES / 1024 / 1024} MiB; a list of links is smaller.`,
        );
      }
      text = (await file.readFile('utf8')).replace(/^\uFEFF/, '');
    } finally {
      await file.close();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('URL_LIST_UNREADABLE', `${name} cannot be read: ${(e as Error).message}`);
  }
  const links = readUrlList(text);
  if (links.length === 0) throw new AppError('URL_LIST_EMPTY', `${name} lists no links (one per line).`);
  if (links.length > MAX_URL_LIST_LINKS) {
    throw new AppError(
      'URL_LIST_TOO_MANY',
      `${name} lists ${links.length} links; at most ${MAX_URL_LIST_LINKS} go in one add.`,
    );
  }
  return links;
}

/** The links given directly, then those of each list, in order. */
export async function linksOf(urls: readonly string[], lists: readonly string[]): Promise<string[]> {
  const listed = await Promise.all(lists.map((path) => readUrlListFile(path)));
  const all = [...urls, ...listed.flat()];
  if (all.length > MAX_URL_LIST_LINKS) {
    throw new AppError(
      'URL_LIST_TOO_MANY',
      `${all.length} links; at most ${MAX_URL_LIST_LINKS} go in one add.`,
    );
  }
  return all;
}
