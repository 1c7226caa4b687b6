import { randomUUID } from 'node:crypto';
import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { WatchFolderView } from '../../shared/domain/watch';

/** DEV ONLY: watched folders kept in memory, never watched (the real ones run in createAppServices). */
export function devWatchHandlers(
  changed: (folders: WatchFolderView[]) => void,
): Pick<ContractHandlers, 'watch:list' | 'watch:add' | 'watch:update' | 'watch:remove'> {
  const folders = new Map<string, WatchFolderView>();
  const emit = () => changed([...folders.values()]);
  return {
    'watch:list': () => [...folders.values()],
    'watch:add': ({ confirmDelete: _c, ...input }) => {
      const view: WatchFolderView = {
        ...input,
        id: randomUUID(),
        addedAt: Date.now(),
        state: input.paused ? 'paused' : 'watching',
        pending: 0,
        queued: 0,
        alreadyKnown: 0,
        lastActivityAt: Date.now(),
        lastError: null,
      };
      folders.set(view.id, view);
      emit();
      return view;
    },
    'watch:update': ({ id, confirmDelete: _c, ...patch }) => {
      const current = folders.get(id);
      if (current === undefined) throw new Error('That folder is not watched (any more).');
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next: WatchFolderView = { ...current, ...defined };
      next.state = next.paused ? 'paused' : 'watching';
      folders.set(id, next);
      emit();
      return next;
    },
    'watch:remove': ({ id }) => {
      folders.delete(id);
      emit();
      return { ok: true };
    },
  };
}
