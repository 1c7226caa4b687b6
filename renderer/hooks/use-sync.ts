import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context';
import { useQueueStore } from '../store/queue-store';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';

/**
 * Mirrors main's state: subscribe to snapshots first (so nothing is missed), then load the full list,
 * settings and profiles. The stores are written only here and by answers to explicit requests.
 *
 * Paths handed to the app from outside (a launch with files, a second launch, a drop on the dock icon) are
 * held by main until the renderer has subscribed to 'app:open-paths' and asks for them ('app:pending-paths').
 * Main hands them over once, so the answer is delivered even if this effect re-ran meanwhile (the callback
 * changes with the language): it goes to the latest callback, never to a dropped one.
 */
export function useSync(onOpenPaths: (paths: readonly string[]) => void): void {
  const api = useApi();
  const openPaths = useRef(onOpenPaths);
  useEffect(() => {
    openPaths.current = onOpenPaths;
  }, [onOpenPaths]);

  useEffect(() => {
    const deliver = (paths: readonly string[]) => {
      if (paths.length > 0) openPaths.current(paths);
    };
    const offOpen = api.on('app:open-paths', ({ paths }) => deliver(paths));
    void api.call('app:pending-paths', {}).then((result) => {
      if (result.ok) deliver(result.value.paths);
    });
    return offOpen;
  }, [api]);

  useEffect(() => {
    const queue = useQueueStore.getState();
    const offSnapshot = api.on('queue:snapshot', (snapshot) => queue.apply(snapshot));
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
    };
  }, [api]);
}
