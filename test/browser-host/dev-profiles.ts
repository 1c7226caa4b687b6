import { randomUUID } from 'node:crypto';
import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { ProfileSummary } from '../../shared/domain/profile';

/** DEV ONLY: the profile channels of the in-memory dev services; nothing is checked, no secret is kept. */
export function devProfileHandlers(
  profiles: Map<string, ProfileSummary>,
): Pick<ContractHandlers, 'profiles:list' | 'profiles:save' | 'profiles:delete' | 'profiles:test'> {
  return {
    'profiles:list': () => [...profiles.values()],
    'profiles:save': (input) => {
      const id = input.id ?? randomUUID();
      const previous = profiles.get(id);
      const cred = input.credential;
      const summary: ProfileSummary = {
        id,
        name: input.name,
        kind: cred.kind,
        region: input.region,
        endpoint: input.endpoint,
        defaults: input.defaults,
        accessKeyIdMasked:
          'accessKeyId' in cred && cred.accessKeyId ? mask(cred.accessKeyId) : previous?.accessKeyIdMasked,
        stsMode: cred.kind === 'sts' ? cred.mode : undefined,
        roleArn: cred.kind === 'sts' && cred.mode === 'assume-role' ? cred.roleArn : undefined,
        authServiceUrl: cred.kind === 'auth-service' ? cred.url : undefined,
        hasSecret: Boolean(
          ('accessKeySecret' in cred && cred.accessKeySecret) ||
          ('bearerToken' in cred && cred.bearerToken) ||
          previous?.hasSecret,
        ),
        createdAt: previous?.createdAt ?? Date.now(),
        updatedAt: Date.now(),
      };
      profiles.set(id, summary);
      return summary;
    },
    'profiles:delete': ({ id }) => {
      profiles.delete(id);
      return { ok: true };
    },
    'profiles:test': (request) => {
      const ok = 'id' in request ? profiles.has(request.id) : request.profile.region.length > 0;
      return ok
        ? { verdict: 'ok', message: 'dev services: no real check' }
        : { verdict: 'error', message: 'unknown profile' };
    },
  };
}

function mask(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

// The clean-up check is per profile: its dev stand-in is handed out with theirs.
export { devCleanupHandlers } from './dev-cleanup';
