import { resolveVodEndpoint } from '../vod/endpoints';

/**
 * Where a team job goes, independent of the machine: the VOD region and endpoint host (the place), then the
 * storage location and app. Profiles differ per machine (each worker signs with its own), so the team queue
 * never names one; a worker claims only jobs for the place its own credentials upload to.
 */
export function teamPlace(region: string, endpoint: string | undefined): string {
  let host: string;
  try {
    host = resolveVodEndpoint(region, endpoint).host;
  } catch {
    host = endpoint ?? '';
  }
  return `${region}|${host}`;
}

export function teamDestination(
  place: string,
  metadata: { storageLocation?: string | undefined; appId?: string | undefined },
): string {
  return `${place}|storage:${metadata.storageLocation ?? ''}|app:${metadata.appId ?? ''}`;
}
