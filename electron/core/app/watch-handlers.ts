import type { ContractHandlers } from '../ipc/dispatcher';
import type { WatchFolderPatch, WatchService } from '../watch/watch-service';

type WatchChannels = 'watch:list' | 'watch:add' | 'watch:update' | 'watch:remove';

/** Watched folders: one call each to the watch service (the contract already required delete's confirmation). */
export function watchHandlers(watch: WatchService): Pick<ContractHandlers, WatchChannels> {
  return {
    'watch:list': () => watch.list(),
    'watch:add': ({ confirmDelete: _confirmed, ...input }) => watch.add(input),
    'watch:update': ({ id, confirmDelete: _confirmed, ...patch }) => watch.update(id, defined(patch)),
    'watch:remove': async ({ id }) => {
      await watch.remove(id);
      return { ok: true } as const;
    },
  };
}

function defined(patch: Record<string, unknown>): WatchFolderPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as WatchFolderPatch;
}
