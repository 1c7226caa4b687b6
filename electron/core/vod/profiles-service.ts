import { randomUUID } from 'node:crypto';
import {
  ProfileInputSchema,
  type ConnectionVerdict,
  type ProfileInput,
  type ProfileSummary,
} from '../../../shared/domain/profile';
import { AppError } from '../base/app-error';
import type { SqliteDatabase } from '../base/sqlite';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SecretStore } from '../secrets/secret-store';
import { ConnectionTester } from './connection-tester';
import { resolveVodEndpoint } from './endpoints';
import {
  ProfileClientFactory,
  type ClientTuning,
  type FallbackCredentials,
  type ProfileRuntime,
} from './profile-clients';
import { ProfileErrorCode, profileNotFound } from './profile-errors';
import {
  keyIdOrThrow,
  ProfilesRepository,
  splitCredential,
  toSummary,
  type ProfileRecord,
} from './profile-records';
import { ProfileSecrets } from './profile-secrets';
import type { UploadIssuer } from './upload-issuer';
import type { VodClient } from './vod-client';

export interface ProfilesServiceOptions {
  readonly db: SqliteDatabase;
  readonly secrets: SecretStore;
  readonly redactor: Redactor;
  readonly logger?: Logger;
  readonly tuning?: ClientTuning;
  /** The profile for jobs without one (the settings' defaultProfileId). */
  readonly defaultProfileId?: () => string | undefined;
  readonly fallback?: FallbackCredentials;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/**
 * Upload profiles, composed of one part per job: the `profiles` table (ProfilesRepository), their secrets
 * (ProfileSecrets over the SecretStore), the clients a profile builds (ProfileClientFactory, cached per
 * profile version here) and the connection test (ConnectionTester). Secrets only ever flow in (save) and to
 * the clients; every answer is a ProfileSummary.
 */
export class ProfilesService {
  private readonly repo: ProfilesRepository;
  private readonly secrets: ProfileSecrets;
  private readonly clients: ProfileClientFactory;
  private readonly tester: ConnectionTester;
  private readonly runtimes = new Map<string, { updatedAt: number; runtime: Promise<ProfileRuntime> }>();
  private fallbackRuntime: ProfileRuntime | undefined;

  public constructor(private readonly options: ProfilesServiceOptions) {
    const logger = options.logger ?? nullLogger;
    this.repo = new ProfilesRepository(options.db);
    this.secrets = new ProfileSecrets(options.secrets, options.redactor);
    this.clients = new ProfileClientFactory({ redactor: options.redactor, logger, now: options.now });
    this.tester = new ConnectionTester({
      repo: this.repo,
      secrets: this.secrets,
      clients: this.clients,
      logger,
      tuning: options.tuning,
      defaultProfileId: options.defaultProfileId,
      fallback: options.fallback,
    });
  }

  public async list(): Promise<ProfileSummary[]> {
    return Promise.all(this.repo.list().map((record) => this.summary(record)));
  }

  public async get(id: string): Promise<ProfileSummary> {
    return this.summary(this.record(id));
  }

  public async save(raw: ProfileInput): Promise<ProfileSummary> {
    const input = ProfileInputSchema.parse(raw);
    const now = (this.options.now ?? Date.now)();
    const existing = input.id ? this.repo.get(input.id) : undefined;
    if (input.id && !existing) throw profileNotFound(input.id);
    const { stored, secrets } = splitCredential(keyIdOrThrow(input.credential, existing));
    this.secrets.register(secrets);
    resolveVodEndpoint(input.region, input.endpoint);

    const sameName = this.repo.findByName(input.name);
    if (sameName && sameName.id !== existing?.id) {
      throw new AppError(ProfileErrorCode.NameTaken, `There is already a profile named "${sameName.name}".`);
    }
    const id = existing?.id ?? (this.options.newId ?? randomUUID)();
    await this.secrets.checkComplete(id, stored, existing, secrets);

    const record: ProfileRecord = {
      id,
      name: input.name,
      region: input.region,
      endpoint: input.endpoint?.trim() || undefined,
      defaults: input.defaults,
      credential: stored,
      createdAt: existing?.createdAt ?? now,
      updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
    };
    this.repo.upsert(record);
    try {
      await this.secrets.write(id, stored, secrets);
    } catch (e) {
      // A new profile without its secret would be useless: take the row back. An edited one keeps its old row
      // values only for secrets (already stored); the non-secret edit stands.
      if (!existing) this.repo.delete(id);
      throw e;
    }
    this.runtimes.delete(id);
    this.log().info('profile saved', { profileId: id, kind: stored.kind, created: !existing });
    return this.summary(record);
  }

  public async delete(id: string): Promise<{ ok: true }> {
    this.record(id);
    await this.secrets.deleteAll(id);
    this.repo.delete(id);
    this.runtimes.delete(id);
    this.log().info('profile deleted', { profileId: id });
    return { ok: true };
  }

  /** "Test connection" for a saved profile, or for a form not saved yet (its omitted secrets come from `id`). */
  public test(request: { id: string } | { profile: ProfileInput }): Promise<ConnectionVerdict> {
    return this.tester.test(request);
  }

  /** The connection test for the credentials a job of `profileId` is signed with, before anything is queued. */
  public testJobsOf(profileId: string | null): Promise<ConnectionVerdict> {
    return this.tester.testJobsOf(profileId);
  }

  /** A profile's upload defaults, for a batch queued under it (undefined for an unknown id). */
  public defaultsOf(id: string): ProfileRecord['defaults'] | undefined {
    return this.repo.get(id)?.defaults;
  }

  /** A profile's name, for history rows (null for an unknown id). */
  public nameOf(id: string): string | null {
    return this.repo.get(id)?.name ?? null;
  }

  /** For the credential service: who issues upload credentials for a job of this profile. */
  public async issuerFor(profileId: string | null): Promise<UploadIssuer> {
    return (await this.runtime(profileId)).issuer;
  }

  /** The VOD client of a profile (cancel with "delete remote", confirming uploads). */
  public async vodClientFor(profileId: string | null): Promise<VodClient> {
    const runtime = await this.runtime(profileId);
    if (!runtime.vod) {
      throw new AppError(
        'PROFILE_NO_VOD_ACCESS',
        'This profile uses an authorization service, so the app holds no key to call VOD directly.',
      );
    }
    return runtime.vod;
  }

  /** The clients of a job's profile (null: the default profile, else the host's fallback credentials). */
  public async runtime(profileId: string | null): Promise<ProfileRuntime> {
    const id = profileId ?? this.options.defaultProfileId?.();
    if (id) return this.runtimeFor(this.record(id));
    if (this.options.fallback) {
      const { region, endpoint, credentials } = this.options.fallback;
      this.fallbackRuntime ??= this.clients.vod(region, endpoint, credentials, this.options.tuning);
      return this.fallbackRuntime;
    }
    throw new AppError(
      ProfileErrorCode.NoProfile,
      'No upload profile is selected. Add a profile (AccessKey, STS or authorization service) in Settings → Profiles.',
    );
  }

  /** Built once per profile version: an edit (a new updatedAt) or a failed build builds afresh. */
  private async runtimeFor(record: ProfileRecord): Promise<ProfileRuntime> {
    const cached = this.runtimes.get(record.id);
    if (cached && cached.updatedAt === record.updatedAt) return cached.runtime;
    const runtime = (async () =>
      this.clients.build(record, await this.secrets.of(record), this.options.tuning))();
    runtime.catch(() => this.runtimes.delete(record.id));
    this.runtimes.set(record.id, { updatedAt: record.updatedAt, runtime });
    return runtime;
  }

  private async summary(record: ProfileRecord): Promise<ProfileSummary> {
    return toSummary(record, await this.secrets.hasSecret(record));
  }

  private record(id: string): ProfileRecord {
    const record = this.repo.get(id);
    if (!record) throw profileNotFound(id);
    return record;
  }

  private log(): Logger {
    return this.options.logger ?? nullLogger;
  }
}
