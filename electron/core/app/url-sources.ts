import type { UrlMode } from '../../../shared/logic/source-url';
import type { EngineUrlOptions } from '../engine/url-pull';
import type { Destination } from '../queue/duplicate-check';
import type { QueueStore } from '../queue/queue-store';
import { createUrlIntake } from '../queue/url-intake';
import type { UploadDefaults } from '../../../shared/domain/upload-defaults';
import type { VodClient } from '../vod/vod-client';

export interface UrlSourcesWiring {
  readonly store: QueueStore;
  readonly vodClientFor: (profileId: string | null) => Promise<VodClient>;
  readonly profileDefaults: (profileId: string) => Partial<UploadDefaults> | undefined;
  readonly destinationFor: (profileId: string | null) => Promise<Destination | null>;
  /** How often VOD is asked about the links it fetches (default 5 s). */
  readonly pollIntervalMs?: number;
  /** The modes this build runs (both: pull and relay). */
  readonly modes: ReadonlySet<UrlMode>;
}

/** Upload from URLs for the engine: the intake, the url_sources rows, and VOD per profile. */
export function engineUrlOptions(w: UrlSourcesWiring): EngineUrlOptions {
  return {
    intake: createUrlIntake({
      store: w.store,
      profileDefaults: w.profileDefaults,
      destinationFor: w.destinationFor,
      modes: w.modes,
    }),
    sources: w.store.urls,
    cancels: w.store.urlCancels,
    vod: {
      submit: async (profileId, batch) => (await w.vodClientFor(profileId)).uploadMediaByUrl(batch),
      query: async (profileId, ids) => (await w.vodClientFor(profileId)).getUrlUploadInfos(ids),
      cancel: async (profileId, ids) => (await w.vodClientFor(profileId)).cancelUrlUploadJobs(ids),
    },
    transaction: (write) => w.store.db.transaction(write)(),
    ...(w.pollIntervalMs !== undefined ? { pollIntervalMs: w.pollIntervalMs } : {}),
  };
}
