import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { AddSummary } from '../../shared/domain/queue';
import { checkSourceUrl } from '../../shared/logic/source-url';

type AddJob = (
  path: string,
  size: number,
  rel: string,
  profileId: string | null,
  titleTemplate: string,
) => string;

/** The dev host's links: checked as the real intake does, queued with their masked URL and no size yet. */
export function devUrlHandlers(
  addJob: AddJob,
  emit: (full: boolean) => void,
): Pick<ContractHandlers, 'queue:add-urls'> {
  return {
    'queue:add-urls': ({ urls, options: batch, urlMode }) => {
      const summary: AddSummary = {
        added: 0,
        bytes: 0,
        skipped: [],
        duplicates: [],
        jobIds: [],
        earlier: [],
      };
      for (const url of urls) {
        const checked = checkSourceUrl(url, urlMode);
        if (!checked.ok) {
          summary.skipped.push({ path: checked.input, reason: checked.reason });
          continue;
        }
        summary.jobIds.push(
          addJob(checked.display, 0, '', batch.profileId ?? null, batch.titleTemplate ?? '{name}'),
        );
        summary.added += 1;
      }
      emit(false);
      return Promise.resolve(summary);
    },
  };
}
