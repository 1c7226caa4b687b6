import { useCallback } from 'react';
import type { AddSummary } from '../../shared/domain/queue';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { countFiles } from '../i18n/translate';
import { describeProblem, METADATA_LABELS } from '../lib/field-problem';
import { batchOptions, useBatchStore } from '../store/batch-store';
import { useUiStore } from '../store/ui-store';

/**
 * Sends dropped or picked paths to main with the current batch options; one summary, never one toast per file.
 * `force` is "Upload again": files already uploaded to this destination are queued anyway.
 */
export function useAddPaths(): (paths: readonly string[], options?: { force?: boolean }) => Promise<void> {
  const api = useApi();
  const t = useTranslate();
  return useCallback(
    async (paths, options) => {
      const unique = [...new Set(paths.filter((p) => p.length > 0))];
      if (!unique.length) return;
      const ui = useUiStore.getState();
      const batch = batchOptions(useBatchStore.getState());
      if (!batch.ok) {
        const message = t('batch.invalid', {
          message: describeProblem(t, t(METADATA_LABELS[batch.field]), batch.problem),
        });
        ui.setLastAdd(null, message);
        ui.announce(message);
        return;
      }
      // queue:add takes at most 10,000 paths per call; folders count as one path, so this rarely splits.
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += 10_000) chunks.push(unique.slice(i, i + 10_000));
      const total: AddSummary = {
        added: 0,
        bytes: 0,
        skipped: [],
        duplicates: [],
        jobIds: [],
        earlier: [],
      };
      for (const chunk of chunks) {
        const result = await api.call('queue:add', {
          paths: chunk,
          options: batch.options,
          force: options?.force === true,
        });
        if (!result.ok) {
          ui.setLastAdd(null, result.error.message);
          ui.announce(t('drop.failed', { message: result.error.message }));
          return;
        }
        total.added += result.value.added;
        total.bytes += result.value.bytes;
        total.skipped.push(...result.value.skipped);
        total.duplicates.push(...result.value.duplicates);
        total.jobIds.push(...result.value.jobIds);
        total.earlier.push(...result.value.earlier);
      }
      ui.setLastAdd(total);
      ui.announce(t('announce.added', { files: countFiles(t, total.added) }));
    },
    [api, t],
  );
}
