import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import { useUiStore } from '../store/ui-store';

/** Menu-bar and tray commands forwarded by main ('app:command'). */
export function useAppCommands(api: ApiClient, onPaths: (paths: readonly string[]) => void): void {
  useEffect(
    () =>
      api.on('app:command', ({ command }) => {
        const pick = async (channel: 'dialog:open-files' | 'dialog:open-folder') => {
          const result = await api.call(channel, {});
          if (result.ok && result.value.paths.length) onPaths(result.value.paths);
        };
        if (command === 'add-files') void pick('dialog:open-files');
        else if (command === 'add-folder') void pick('dialog:open-folder');
        else if (command === 'add-links') useUiStore.getState().openLinks({ lists: [] });
        else if (command === 'pause-all') void api.call('queue:pause-all', {});
        else void api.call('queue:resume-all', {});
      }),
    [api, onPaths],
  );
}
