import { statesAllowing } from '../../../shared/domain/job-actions';
import type { JobState } from '../../../shared/domain/job-status';
import { isFinal, statesWhere } from '../../../shared/domain/job-transitions';
import type { UploadEngine } from '../engine/upload-engine';
import type { ContractHandlers } from '../ipc/dispatcher';
import { exportHistory } from '../queue/history-export';
import type { QueueService } from '../queue/queue-service';
import type { QueueStore } from '../queue/queue-store';
import type { ProfilesService } from '../vod/profiles-service';
import type { DesktopHooks } from './app-services';

export interface HandlerDeps {
  readonly store: QueueStore;
  readonly queue: QueueService;
  readonly engine: UploadEngine;
  readonly profiles: ProfilesService;
  readonly desktop: DesktopHooks;
  readonly now?: () => Date;
}

const OK = { ok: true } as const;

/**
 * The contract's handlers: each one parses nothing (the dispatcher validated the request) and delegates to a
 * service. Intents that change rows outside the engine mark them for the next snapshot.
 */
export function createContractHandlers(deps: HandlerDeps): ContractHandlers {
  const { store, queue, engine, profiles, desktop } = deps;
  const idsIn = (states: readonly JobState[]) => store.jobs.listByState(states).map((row) => row.id);

  return {
    'queue:add': async ({ paths, options }) => {
      const summary = await queue.addPaths(paths, options);
      engine.markChanged(summary.jobIds);
      engine.poke();
      return summary;
    },
    'queue:list': () => queue.list(),
    'queue:pause': async ({ ids }) => {
      await engine.pause(ids);
      return OK;
    },
    'queue:resume': ({ ids }) => {
      engine.resume(ids);
      return OK;
    },
    'queue:cancel': async ({ ids, deleteRemote }) => {
      await engine.cancel(ids, { deleteMedia: deleteRemote });
      return OK;
    },
    'queue:retry': ({ ids }) => {
      engine.retry(ids);
      return OK;
    },
    'queue:remove': async ({ ids }) => {
      // An unfinished job is canceled first, so its multipart upload is aborted rather than left on OSS.
      const unfinished = ids.filter((id) => {
        const state = store.jobs.get(id)?.status.state;
        return state !== undefined && !isFinal(state);
      });
      if (unfinished.length > 0) await engine.cancel(unfinished);
      store.jobs.remove(ids.filter((id) => !engine.isRunning(id)));
      engine.markRemoved(ids.filter((id) => store.jobs.get(id) === undefined));
      return OK;
    },
    'queue:reorder': ({ ids, position }) => {
      store.jobs.reorder(ids, position);
      engine.markChanged(ids);
      engine.poke();
      return OK;
    },
    'queue:pause-all': async () => {
      await engine.pauseAll();
      return OK;
    },
    'queue:resume-all': () => {
      engine.resume(idsIn(statesAllowing('resume')));
      return OK;
    },
    'queue:retry-failed': () => {
      engine.retry(idsIn(statesAllowing('retry')));
      return OK;
    },
    'queue:clear-finished': () => {
      const finished = idsIn(statesWhere(isFinal));
      store.jobs.clearFinished();
      engine.markRemoved(finished);
      return OK;
    },

    'history:list': ({ query, limit, offset }) => store.history.list({ query, limit, offset }),
    'history:export': ({ format, query, ids }) =>
      exportHistory(
        store.history.listForExport(ids ? { query, ids } : { query }),
        format,
        (deps.now ?? (() => new Date()))(),
      ),

    ...profiles.handlers(),

    'settings:get': () => store.settings.get(),
    'settings:set': (patch) => {
      const next = store.settings.set(patch);
      engine.updateSettings({
        filesAtOnce: next.filesAtOnce,
        partsInFlight: next.partsInFlight,
        bandwidthLimit: next.bandwidthLimit,
        partSize: next.partSize,
      });
      return next;
    },

    'dialog:open-files': async () => ({ paths: await desktop.openFiles() }),
    'dialog:open-folder': async () => ({ paths: await desktop.openFolder() }),
    'shell:show-in-folder': async ({ path }) => {
      await desktop.showInFolder(path);
      return OK;
    },
  };
}
