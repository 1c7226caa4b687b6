import { useEffect, useRef } from 'react';
import { QUEUE_FIRST_PAGE, QUEUE_PAGE } from '../../shared/domain/queue';
import { useApi } from '../api/api-context';
import type { ApiClient } from '../api/client';
import { useQueueStore } from '../store/queue-store';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';

/**
 * Mirrors main's state: subscribe to snapshots first (so nothing is missed), then load the list (a first
 * page, then the rest page by page: see loadQueue), settings and profiles. The stores are written only here and by answers to explicit requests.
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
    void loadQueue(api, () => live);
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

/**
 * The queue, a first page (the window shows it at once) then the rest a page at a time, each after the last
 * row held, until main says there is no more. Each answer arrives as a task of its own, so between pages the
 * window paints and handles input (no frame wait: a hidden window gets no animation frames). A queue of
 * 100,000 jobs sent whole took 15 s before its first row showed (issue 19). Stops when the window unmounts.
 */
async function loadQueue(api: ApiClient, isLive: () => boolean): Promise<void> {
  const queue = useQueueStore.getState();
  let result = await api.call('queue:list', { limit: QUEUE_FIRST_PAGE });
  if (result.ok && isLive()) queue.setList(result.value.jobs, result.value.totals, result.value.more);
  while (result.ok && result.value.more && isLive()) {
    const last = result.value.jobs.at(-1);
    if (last === undefined) break;
    result = await api.call('queue:list', {
      limit: QUEUE_PAGE,
      after: { position: last.position, id: last.id },
    });
    if (result.ok && isLive()) queue.appendPage(result.value.jobs, result.value.totals, result.value.more);
  }
  if (!result.ok && isLive()) useUiStore.getState().announce(result.error.message);
}
