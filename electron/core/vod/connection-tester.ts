import {
  ProfileInputSchema,
  type ConnectionVerdict,
  type ProfileInput,
} from '../../../shared/domain/profile';
import { AppError } from '../base/app-error';
import type { Logger } from '../log/logger';
import { verdictForError } from './connection-verdict';
import { resolveVodEndpoint } from './endpoints';
import type {
  ClientTarget,
  ClientTuning,
  FallbackCredentials,
  ProfileClientFactory,
  ProfileRuntime,
} from './profile-clients';
import { ProfileErrorCode, profileNotFound } from './profile-errors';
import {
  keyIdOrThrow,
  splitCredential,
  type ProfilesRepository,
  type StoredCredential,
} from './profile-records';
import type { ProfileSecrets } from './profile-secrets';

/**
 * A made-up VideoId for the connection test. The probe is RefreshUploadVideo, an upload action: RAM checks the
 * permission before the video is looked up, so Forbidden means "no upload permission", and
 * InvalidVideo.NotFound proves the key, the signature, the region AND the permission, while creating nothing.
 */
const PROBE_VIDEO_ID = '00000000000000000000000000000000';

export interface ConnectionTesterOptions {
  readonly repo: ProfilesRepository;
  readonly secrets: ProfileSecrets;
  readonly clients: ProfileClientFactory;
  readonly logger: Logger;
  readonly tuning?: ClientTuning;
  readonly defaultProfileId?: () => string | undefined;
  readonly fallback?: FallbackCredentials;
}

/**
 * "Test connection": one harmless call with a profile's credentials (saved, or a form not saved yet), or with
 * the credentials a batch of jobs will be signed with, turned into a verdict the user can act on.
 */
export class ConnectionTester {
  public constructor(private readonly options: ConnectionTesterOptions) {}

  /** For a saved profile, or for a form not saved yet (its omitted secrets come from `id`). */
  public async test(request: { id: string } | { profile: ProfileInput }): Promise<ConnectionVerdict> {
    const { repo, secrets, clients } = this.options;
    const tuning = maxOneRetry(this.options.tuning);
    let runtime: ProfileRuntime;
    let where: string;
    try {
      let target: ClientTarget;
      if ('id' in request) {
        const record = repo.get(request.id);
        if (!record) throw profileNotFound(request.id);
        target = record;
        runtime = clients.build(record, await secrets.of(record), tuning);
      } else {
        const input = ProfileInputSchema.parse(request.profile);
        const existing = input.id ? repo.get(input.id) : undefined;
        const split = splitCredential(keyIdOrThrow(input.credential, existing));
        secrets.register(split.secrets);
        const resolved = await secrets.forForm(split.stored, existing, split.secrets);
        target = {
          region: input.region,
          endpoint: input.endpoint?.trim() || undefined,
          credential: split.stored,
        };
        runtime = clients.build(target, resolved, tuning);
      }
      where = describeTarget(target);
    } catch (e) {
      return verdictForError(e, 'The service');
    }
    return this.probe(runtime, where);
  }

  /**
   * The connection test for the credentials a job of `profileId` is signed with (null: the default profile,
   * else the host's fallback, e.g. the CLI's environment credentials): the same probe and verdicts as the
   * profile test, run before anything is queued.
   */
  public async testJobsOf(profileId: string | null): Promise<ConnectionVerdict> {
    const id = profileId ?? this.options.defaultProfileId?.();
    if (id) return this.test({ id });
    const fallback = this.options.fallback;
    if (!fallback) {
      return verdictForError(
        new AppError(ProfileErrorCode.NoProfile, 'No upload profile is selected.'),
        'The service',
      );
    }
    const where = describeTarget({
      region: fallback.region,
      endpoint: fallback.endpoint,
      credential: HEADLESS,
    });
    let runtime: ProfileRuntime;
    try {
      runtime = this.options.clients.vod(
        fallback.region,
        fallback.endpoint,
        fallback.credentials,
        maxOneRetry(this.options.tuning),
      );
    } catch (e) {
      return verdictForError(e, where);
    }
    return this.probe(runtime, where);
  }

  private async probe(runtime: ProfileRuntime, where: string): Promise<ConnectionVerdict> {
    try {
      if (runtime.authService) {
        await runtime.authService.status();
        return { verdict: 'ok', message: `Connected: ${where} answered.` };
      }
      await runtime.callerCredentials?.get();
      await runtime.vod?.refreshUploadVideo(PROBE_VIDEO_ID);
      // A real video with this id would be odd, but it too proves the key works.
      return { verdict: 'ok', message: `Connected: the key works with ${where}.` };
    } catch (e) {
      if (e instanceof AppError && e.code === 'InvalidVideo.NotFound') {
        return e.requestId
          ? { verdict: 'ok', message: `Connected: the key works with ${where}.`, requestId: e.requestId }
          : { verdict: 'ok', message: `Connected: the key works with ${where}.` };
      }
      this.options.logger.warn('profile test failed', {
        code: e instanceof AppError ? e.code : undefined,
        where,
      });
      return verdictForError(e, where);
    }
  }
}

function describeTarget(target: ClientTarget): string {
  if (target.credential.kind === 'auth-service')
    return `the authorization service at ${target.credential.url}`;
  try {
    return `VOD in ${target.region} (${resolveVodEndpoint(target.region, target.endpoint).host})`;
  } catch {
    return `VOD in ${target.region}`;
  }
}

/**
 * The connection test should answer in seconds, not after a full retry ladder: one retry, and an endpoint
 * that accepts but never answers is given up after 8 s a try (the uploads themselves wait 15 s).
 */
function maxOneRetry(tuning: ClientTuning | undefined): ClientTuning {
  return {
    ...tuning,
    maxAttempts: Math.min(tuning?.maxAttempts ?? 2, 2),
    readTimeoutMs: Math.min(tuning?.readTimeoutMs ?? PROBE_READ_TIMEOUT_MS, PROBE_READ_TIMEOUT_MS),
  };
}

const PROBE_READ_TIMEOUT_MS = 8_000;

/** Headless credentials are a key (or a temporary STS key): described as VOD in their region. */
const HEADLESS: StoredCredential = { kind: 'access-key', accessKeyId: '' };
