import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { Preset } from '../../shared/domain/preset';
import type { QueueTotals } from '../../shared/domain/queue';
import type { Activity } from '../../electron/core/app/app-services';

/** The dev services' presets: in memory, enough for the renderer's panel. */
export function devPresetHandlers(): Pick<
  ContractHandlers,
  'presets:list' | 'presets:save' | 'presets:delete' | 'presets:export' | 'presets:import'
> {
  const presets = new Map<string, Preset>();
  return {
    'presets:list': () => [...presets.values()],
    'presets:save': (input) => {
      const preset = { ...input, updatedAt: Date.now() };
      presets.set(input.name, preset);
      return preset;
    },
    'presets:delete': ({ name }) => {
      presets.delete(name);
      return { ok: true };
    },
    'presets:export': () => ({
      fileName: 'vod-uploader-presets.json',
      mimeType: 'application/json',
      content: JSON.stringify({ format: 'vod-uploader-presets', version: 1, presets: [...presets.values()] }),
    }),
    'presets:import': () => ({ imported: [], withoutProfile: [] }),
  };
}

/** The shell's activity summary from the dev queue's totals. */
export function computeActivity(t: QueueTotals): Activity {
  return {
    active: t.active,
    queued: t.counts['queued'] ?? 0,
    paused: t.counts['paused'] ?? 0,
    failed: t.counts['failed'] ?? 0,
    progress: t.bytesTotal > 0 && t.bytesDone < t.bytesTotal ? t.bytesDone / t.bytesTotal : null,
  };
}
