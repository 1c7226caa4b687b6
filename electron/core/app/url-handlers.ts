import { AppError } from '../base/app-error';
import type { UploadEngine } from '../engine/upload-engine';
import type { ContractHandlers } from '../ipc/dispatcher';
import { linksOf } from '../scan/url-list-file';

/** Upload from URLs: links given, or read from dropped .txt/.csv lists by main (docs/urls.md). */
export function urlHandlers(
  engine: UploadEngine,
): Pick<ContractHandlers, 'queue:add-urls' | 'queue:check-urls'> {
  const runner = () => {
    if (engine.links === undefined)
      throw new AppError('LINKS_UNSUPPORTED', 'This host does not upload from links.');
    return engine.links;
  };
  return {
    'queue:add-urls': async ({ urls, lists, options, urlMode }) =>
      runner().enqueue(await linksOf(urls, lists), { ...options, ...(urlMode ? { urlMode } : {}) }),
    'queue:check-urls': async ({ urls, lists, urlMode }) => ({
      lines: runner().check(await linksOf(urls, lists), urlMode),
    }),
  };
}
