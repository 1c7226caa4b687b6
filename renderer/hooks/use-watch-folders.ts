import { useCallback, useEffect, useState } from 'react';
import type { WatchFolderInput, WatchFolderView } from '../../shared/domain/watch';
import { useApi } from '../api/api-context';

export interface WatchFolders {
  readonly folders: readonly WatchFolderView[];
  /** The error text, or null once the folder is watched. */
  add(input: WatchFolderInput): Promise<string | null>;
  setPaused(id: string, paused: boolean): Promise<string | null>;
  remove(id: string): Promise<string | null>;
}

/** The watched folders as main reports them: listed once, then kept current by 'watch:changed' events. */
export function useWatchFolders(): WatchFolders {
  const api = useApi();
  const [folders, setFolders] = useState<readonly WatchFolderView[]>([]);

  useEffect(() => {
    let live = true;
    const off = api.on('watch:changed', (payload) => setFolders(payload.folders));
    void api.call('watch:list', {}).then((result) => {
      if (live && result.ok) setFolders(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const refresh = useCallback(async () => {
    const result = await api.call('watch:list', {});
    if (result.ok) setFolders(result.value);
  }, [api]);

  return {
    folders,
    async add(input) {
      const result = await api.call('watch:add', input);
      await refresh();
      return result.ok ? null : result.error.message;
    },
    async setPaused(id, paused) {
      const result = await api.call('watch:update', { id, paused });
      await refresh();
      return result.ok ? null : result.error.message;
    },
    async remove(id) {
      const result = await api.call('watch:remove', { id });
      await refresh();
      return result.ok ? null : result.error.message;
    },
  };
}
