import type { ProfileSummary } from '../../../shared/domain/profile';
import type { Destination } from '../queue/duplicate-check';
import { resolveVodEndpoint } from '../vod/endpoints';
import { maskKeyId } from '../vod/profile-records';
import type { FallbackCredentials } from '../vod/profile-clients';

/**
 * Where a job of a profile goes, for "already uploaded" checks (queue/duplicate-check.ts):
 * - a profile: the profile itself (the app's unit of "where"), with the key or service it signs with and its
 *   region and endpoint, so editing a profile to another account or region makes it a new destination;
 * - no profile (the CLI's environment credentials): the AccessKey ID, region and endpoint. Temporary STS keys
 *   change at every issue, so they count as one key per region and endpoint (documented in docs/cli.md).
 * Null when the credentials cannot be read now (the upload itself will say why).
 */
export function destinationResolver(
  profileById: (id: string) => Promise<ProfileSummary | undefined>,
  fallback: FallbackCredentials | undefined,
): (profileId: string | null) => Promise<Destination | null> {
  return async (profileId) => {
    if (profileId !== null) {
      const profile = await profileById(profileId);
      if (profile === undefined) return null;
      const identity = profile.authServiceUrl ?? profile.roleArn ?? profile.accessKeyIdMasked ?? '';
      const where = place(profile.region, profile.endpoint);
      return {
        key: `profile:${profile.id}|${identity}|${where.key}`,
        label: `profile "${profile.name}" (${where.label})`,
      };
    }
    if (fallback === undefined) return null;
    let keyId: string;
    try {
      const credential = await fallback.credentials.get();
      keyId = credential.securityToken ? 'sts' : credential.accessKeyId;
    } catch {
      return null;
    }
    const where = place(fallback.region, fallback.endpoint);
    return {
      key: `key:${keyId}|${where.key}`,
      label: `${keyId === 'sts' ? 'temporary STS credentials' : maskKeyId(keyId)}, ${where.label}`,
    };
  };
}

function place(region: string, endpoint: string | undefined): { key: string; label: string } {
  let host: string;
  try {
    host = resolveVodEndpoint(region, endpoint).host;
  } catch {
    host = endpoint ?? '';
  }
  const custom = endpoint !== undefined && endpoint.trim() !== '';
  return { key: `${region}|${host}`, label: custom ? `${region} at ${host}` : region };
}
