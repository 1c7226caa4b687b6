import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import { judgeUrl, urlLine } from '../../electron/core/queue/url-intake';
import { linksOf } from '../../electron/core/scan/url-list-file';
import type { AddSummary } from '../../shared/domain/queue';
import type { UrlMode } from '../../shared/logic/source-url';

type AddJob = (
  path: string,
  size: number,
  rel: string,
  profileId: string | null,
  titleTemplate: string,
) => string;

/** The dev host runs both modes (it uploads nothing). */
const MODES: ReadonlySet<UrlMode> = new Set(['pull', 'relay']);

/** The dev host's links: checked as the real intake does, queued with their masked URL and no size yet. */
export function devUrlHandlers(
  addJob: AddJob,
  emit: (full: boolean) => void,
): Pick<ContractHandlers, 'queue:add-urls' | 'queue:check-urls'> {
  return {
    'queue:check-urls': async ({ urls, lists, urlMode }) => ({
      lines: (await linksOf(urls, lists)).map((url) => urlLine(url, urlMode, MODES)),
    }),
    'queue:add-urls': async ({ urls, lists, options: batch, urlMode }) => {
      const summary: AddSummary = {
        added: 0,
        bytes: 0,
        skipped: [],
        duplicates: [],
        jobIds: [],
        earlier: [],
      };
      for (const url of await linksOf(urls, lists)) {
        const judged = judgeUrl(url, urlMode, MODES);
        if (!judged.ok) {
          summary.skipped.push({ path: judged.display, reason: judged.reason });
          continue;
        }
        summary.jobIds.push(
          addJob(judged.checked.display, 0, '', batch.profileId ?? null, batch.titleTemplate ?? '{name}'),
        );
        summary.added += 1;
      }
      emit(false);
      return summary;
    },
  };
}
