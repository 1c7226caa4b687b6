import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AddSummary } from '../../../shared/domain/queue';
import type { BatchOptions } from '../../../shared/domain/upload-defaults';
import { looksLikeUrl, readUrlList, type UrlMode } from '../../../shared/logic/source-url';
import { CliError } from '../cli-error';
import type { LeftOut } from '../left-out';
import type { Session } from '../session';

export const NOTHING_ADDED: AddSummary = {
  added: 0,
  bytes: 0,
  skipped: [],
  duplicates: [],
  jobIds: [],
  earlier: [],
};

/** The command line's sources: paths, and links (given as arguments or in `--urls FILE`). */
export async function sourcesOf(
  args: readonly string[],
  urlsFile: string | undefined,
  cwd: string,
): Promise<{ files: string[]; links: string[] }> {
  const files = args.filter((a) => !looksLikeUrl(a));
  const links = args.filter((a) => looksLikeUrl(a));
  if (urlsFile !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, urlsFile), 'utf8');
    } catch (e) {
      throw new CliError(`--urls: cannot read ${urlsFile}: ${(e as Error).message}`);
    }
    const listed = readUrlList(text);
    if (listed.length === 0) throw new CliError(`--urls: ${urlsFile} lists no links (one per line).`);
    links.push(...listed);
  }
  return { files, links };
}

/**
 * Queues the links; each one refused (not http/https, a type VOD does not take…) is a failure of the run, as a
 * file named on the command line that cannot be uploaded is.
 */
export async function queueLinks(
  session: Session,
  links: readonly string[],
  options: BatchOptions,
  urlMode: UrlMode | undefined,
  leftOut: LeftOut,
): Promise<AddSummary> {
  if (links.length === 0) return NOTHING_ADDED;
  const added = await session.call('queue:add-urls', {
    urls: [...links],
    options,
    ...(urlMode ? { urlMode } : {}),
  });
  for (const s of added.skipped)
    leftOut.notUploadable.push({ path: s.path, code: 'NOT_UPLOADABLE', message: s.reason });
  return added;
}
