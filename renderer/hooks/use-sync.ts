import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useQueueStore } from '../store/queue-store';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';

/**
 * Mirrors main's state: subscribe to snapshots first (so nothing is missed), then load the full list,
 * settings and profiles. The stores are written only here and by answers to explicit requests.
 */
export function useSync(onOpenPaths: (paths: readonly string[]) => void): void {
  const api = useApi();
  useEffect(() => {
    const queue = useQueueStore.getState();
    const offSnapshot = api.on('queue:snapshot', (snapshot) => queue.apply(snapshot));
    const offOpen = api.on('app:open-paths', ({ paths }) => onOpenPaths(paths));
    let live = true;
    void api.call('queue:list', {}).then((result) => {
      if (live && result.ok) queue.setList(result.value.jobs, result.value.totals);
      else if (live && !result.ok) useUiStore.getState().announce(result.error.message);
    });
    void api.call('settings:get', {}).then((result) => {
      if (live && result.ok) useSettingsStore.getState().setSettings(result.value);
    });
    void api.call('profiles:list', {}).then((result) => {
      if (live && result.ok) useSettingsStore.getState().setProfiles(result.value);
    });
    return () => {
      live = false;
      offSnapshot();
      offOpen();
    };
  }, [api, onOpenPaths]);
}
