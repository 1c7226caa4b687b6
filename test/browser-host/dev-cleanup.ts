import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { CleanupReport } from '../../shared/domain/cleanup';

type CleanupChannels = 'cleanup:check' | 'cleanup:fix' | 'cleanup:pending' | 'cleanup:retry';

/** DEV ONLY: a clean library (nothing in VOD to find), so the Clean up panel renders its empty state. */
export function devCleanupHandlers(): Pick<ContractHandlers, CleanupChannels> {
  const report = (profileId: string | null): CleanupReport => ({
    profileId,
    profileName: 'dev',
    checkedAt: Date.now(),
    media: [],
    uploads: [],
    pending: [],
    limits: [],
  });
  return {
    'cleanup:check': ({ profileId }) => report(profileId),
    'cleanup:fix': ({ profileId }) => ({
      removedMedia: [],
      abortedUploads: [],
      failed: [],
      report: report(profileId),
    }),
    'cleanup:pending': () => ({ pending: [] }),
    'cleanup:retry': () => ({ pending: [] }),
  };
}
