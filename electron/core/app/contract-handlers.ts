import type { UploadEngine } from '../engine/upload-engine';
import type { ContractHandlers } from '../ipc/dispatcher';
import { exportHistory } from '../queue/history-export';
import type { QueueService } from '../queue/queue-service';
import type { QueueStore } from '../queue/queue-store';
import type { ProfilesService } from '../vod/profiles-service';
import type { DesktopHooks } from './app-services';
import { cleanupHandlers } from './cleanup-handlers';
import type { MediaDoctor } from '../engine/media-doctor';
import { presetHandlers } from './preset-handlers';
import type { WatchService } from '../watch/watch-service';
import { uploadAgain } from './upload-again';
import { urlHandlers } from './url-handlers';
import { watchHandlers } from './watch-handlers';
import type { TeamSettingsService } from './team-settings';
import { teamHandlers } from './team-handlers';

export interface HandlerDeps {
  readonly store: QueueStore;
  readonly queue: QueueService;
  readonly engine: UploadEngine;
  readonly profiles: ProfilesService;
  readonly desktop: DesktopHooks;
  readonly watch: WatchService;
  readonly doctor: MediaDoctor;
  readonly team: TeamSettingsService;
  readonly now?: () => Date;
}

const OK = { ok: true } as const;

/** An intent answers `{ ok: true }` once the engine has carried it out. */
async function ok(intent: void | Promise<void>): Promise<typeof OK> {
  await intent;
  return OK;
}

/**
 * The contract's handlers: each one parses nothing (the dispatcher validated the request) and is one call
 * to a service. Every queue intent is the engine's: nothing here writes a job row.
 */
export function createContractHandlers(deps: HandlerDeps): ContractHandlers {
  const { store, queue, engine, profiles, desktop } = deps;

  return {
    'queue:add': ({ paths, options, force }) => engine.enqueue(paths, { ...options, force }),
    ...urlHandlers(engine),
    'queue:list': ({ limit, after }) =>
      queue.list({ ...(limit ? { limit } : {}), ...(after ? { after } : {}) }),
    'queue:pause': ({ ids }) => ok(engine.pause(ids)),
    'queue:resume': ({ ids }) => ok(engine.resume(ids)),
    'queue:cancel': ({ ids, deleteRemote }) => ok(engine.cancel(ids, { deleteMedia: deleteRemote })),
    'queue:retry': ({ ids }) => ok(engine.retry(ids)),
    'queue:remove': ({ ids }) => ok(engine.remove(ids)),
    'queue:upload-again': ({ ids }) => uploadAgain(store, engine, ids),
    'queue:reorder': ({ ids, position }) => ok(engine.reorder(ids, position)),
    'queue:pause-all': () => ok(engine.pauseAll()),
    'queue:resume-all': () => ok(engine.resumeAll()),
    'queue:retry-failed': () => ok(engine.retryFailed()),
    'queue:clear-finished': () => ok(engine.clearFinished()),

    'history:list': ({ query, limit, offset }) => store.history.list({ query, limit, offset }),
    'history:export': ({ format, query, ids }) =>
      exportHistory(
        store.history.listForExport(ids ? { query, ids } : { query }),
        format,
        (deps.now ?? (() => new Date()))(),
      ),

    'profiles:list': () => profiles.list(),
    'profiles:save': (request) => profiles.save(request),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:test': (request) => profiles.test(request),
    ...presetHandlers(store, profiles, deps.watch),
    ...watchHandlers(deps.watch),
    ...cleanupHandlers(deps.doctor, store, engine),
    ...teamHandlers(deps.team),

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
    // A host with a launch command line (the Electron shell) answers this itself; others never hold paths.
    'app:pending-paths': () => ({ paths: [] }),
  };
}
