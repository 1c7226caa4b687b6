import type { PendingCleanup } from '../../../shared/domain/cleanup';
import { MediaDoctor } from '../engine/media-doctor';
import { OssClients, type OssClientsOptions } from '../engine/oss-clients';
import type { UploadEngine } from '../engine/upload-engine';
import type { ContractHandlers } from '../ipc/dispatcher';
import type { QueueStore } from '../queue/queue-store';
import type { ProfilesService } from '../vod/profiles-service';
import { toUploadGrant } from '../vod/upload-auth';

type CleanupChannels = 'cleanup:check' | 'cleanup:fix' | 'cleanup:pending' | 'cleanup:retry';

export interface CleanupDeps {
  readonly store: QueueStore;
  readonly profiles: ProfilesService;
  readonly engine: Pick<UploadEngine, 'sweepMedia'>;
  /** How the check reaches OSS (the engine's proxy, trust and signature settings). */
  readonly oss: Pick<OssClientsOptions, 'resolveProxy' | 'signatureVersion' | 'extraCaCertificates'>;
}

/** The clean-up check over this data dir's ledger and a profile's clients (engine/media-doctor.ts). */
export function createMediaDoctor(deps: CleanupDeps): { doctor: MediaDoctor; close: () => void } {
  const { store, profiles } = deps;
  let clients: OssClients | undefined;
  const oss = () =>
    (clients ??= new OssClients({
      bandwidthLimit: 0,
      stallTimeoutMs: 30_000,
      requestTimeoutMs: 20_000,
      ...deps.oss,
    }));
  const doctor = new MediaDoctor(store.ledger, store.cleanup, {
    profileName: async (profileId) => {
      const id = profileId ?? store.settings.get().defaultProfileId;
      if (id === undefined) return 'the environment’s AccessKey';
      return profiles.nameOf(id) ?? id;
    },
    vod: async (profileId) => (await profiles.runtime(profileId)).vod,
    offersDelete: async (profileId) => {
      const { authService } = await profiles.runtime(profileId);
      if (authService === undefined) return undefined;
      const status = await authService.status().catch(() => undefined);
      return status === undefined ? undefined : (status.features ?? []).includes('delete');
    },
    refreshVideo: async (profileId, videoId) => {
      const issued = await (await profiles.issuerFor(profileId)).refreshVideo(videoId);
      return toUploadGrant(issued, 'video', Date.now());
    },
    ossClient: (grant) => oss().clientFor(grant.target, () => grant),
    sweep: () => deps.engine.sweepMedia(),
    jobState: (jobId) => {
      const job = store.jobs.get(jobId);
      return job === undefined ? undefined : { id: job.id, path: job.path, state: job.status.state };
    },
    forgetUpload: (jobId) => store.jobs.resetUpload(jobId),
  });
  return { doctor, close: () => clients?.destroy() };
}

function pending(store: QueueStore): { pending: PendingCleanup[] } {
  return {
    pending: store.ledger.pendingDeletions().map((d) => ({
      mediaId: d.mediaId,
      kind: d.kind,
      reason: d.reason,
      attempts: d.attempts,
      lastError: d.lastError,
      profileId: d.profileId,
    })),
  };
}

export function cleanupHandlers(
  doctor: MediaDoctor,
  store: QueueStore,
  engine: Pick<UploadEngine, 'sweepMedia'>,
): Pick<ContractHandlers, CleanupChannels> {
  return {
    'cleanup:check': ({ profileId }) => doctor.check(profileId),
    'cleanup:fix': ({ profileId, includeOthers, only }) => doctor.fix(profileId, { includeOthers, only }),
    'cleanup:pending': () => pending(store),
    'cleanup:retry': async () => {
      await engine.sweepMedia();
      return pending(store);
    },
  };
}
