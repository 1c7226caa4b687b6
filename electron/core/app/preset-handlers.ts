import type { ContractHandlers } from '../ipc/dispatcher';
import type { QueueStore } from '../queue/queue-store';
import type { ProfilesService } from '../vod/profiles-service';
import type { WatchService } from '../watch/watch-service';

type PresetChannels =
  'presets:list' | 'presets:save' | 'presets:delete' | 'presets:export' | 'presets:import';

/** Presets live in the queue database; the export file names profiles, so ids map to names both ways. */
export function presetHandlers(
  store: QueueStore,
  profiles: Pick<ProfilesService, 'list' | 'nameOf'>,
  watch: Pick<WatchService, 'presetDeleted'>,
): Pick<ContractHandlers, PresetChannels> {
  return {
    'presets:list': () => store.presets.list(),
    'presets:save': (input) => store.presets.save(input),
    'presets:delete': ({ name }) => {
      store.presets.delete(name);
      watch.presetDeleted(name);
      return { ok: true } as const;
    },
    'presets:export': () => ({
      fileName: 'vod-uploader-presets.json',
      mimeType: 'application/json',
      content: `${JSON.stringify(
        store.presets.exportFile((id) => profiles.nameOf(id) ?? undefined),
        null,
        2,
      )}\n`,
    }),
    'presets:import': async ({ content }) => {
      const known = await profiles.list();
      return store.presets.importFile(content, (name) => known.find((p) => p.name === name)?.id);
    },
  };
}
