import { useCallback, useEffect } from 'react';
import type { Preset } from '../../shared/domain/preset';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { describeProblem, METADATA_LABELS } from '../lib/field-problem';
import { batchOptions, takeLegacyPresets, useBatchStore } from '../store/batch-store';

export interface PresetActions {
  /** Saves the current batch as `name`; the error text when it cannot. */
  save(name: string): Promise<string | null>;
  remove(name: string): Promise<string | null>;
  exportFile(): Promise<{ fileName: string; mimeType: string; content: string } | string>;
  importFile(content: string): Promise<{ imported: string[]; withoutProfile: string[] } | string>;
  apply(preset: Preset): void;
}

/** Presets through main (the queue database), loaded once; presets an older version kept locally move there. */
export function usePresets(): PresetActions {
  const api = useApi();
  const t = useTranslate();
  const refresh = useCallback(async () => {
    const listed = await api.call('presets:list', {});
    if (listed.ok) useBatchStore.getState().setPresets(listed.value);
  }, [api]);

  useEffect(() => {
    void (async () => {
      for (const legacy of takeLegacyPresets()) await api.call('presets:save', legacy);
      await refresh();
    })();
  }, [api, refresh]);

  return {
    async save(name) {
      const built = batchOptions(useBatchStore.getState());
      if (!built.ok)
        return t('batch.invalid', {
          message: describeProblem(t, t(METADATA_LABELS[built.field]), built.problem),
        });
      const saved = await api.call('presets:save', { name, options: built.options });
      await refresh();
      return saved.ok ? null : saved.error.message;
    },
    async remove(name) {
      const removed = await api.call('presets:delete', { name });
      await refresh();
      return removed.ok ? null : removed.error.message;
    },
    async exportFile() {
      const file = await api.call('presets:export', {});
      return file.ok ? file.value : file.error.message;
    },
    async importFile(content) {
      const result = await api.call('presets:import', { content });
      await refresh();
      return result.ok ? result.value : result.error.message;
    },
    apply: (preset) => useBatchStore.getState().applyPreset(preset),
  };
}
