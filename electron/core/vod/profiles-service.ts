import { randomUUID } from 'node:crypto';
import {
  ProfileInputSchema,
  type ConnectionVerdict,
  type ProfileCredentialInput,
  type ProfileInput,
  type ProfileSummary,
} from '../../../shared/domain/profile';
import type { BackoffOptions } from '../../../shared/logic/backoff';
import { AppError } from '../base/app-error';
import type { ContractHandlers } from '../ipc/dispatcher';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SqliteDatabase } from '../base/sqlite';
import type { SecretField, SecretStore } from '../secrets/secret-store';
import { AuthServiceClient } from './auth-service-client';
import { StaticCredentialSource, type CallerCredentialSource } from './caller-credentials';
import { verdictForError } from './connection-verdict';
import { resolveVodEndpoint } from './endpoints';
import {
  ProfilesRepository,
  secretFieldsOf,
  splitCredential,
  toSummary,
  withKeptKeyId,
  type ProfileRecord,
  type StoredCredential,
} from './profile-records';
import { AssumeRoleSource } from './sts-assume-role';
import { AuthServiceUploadIssuer, VodUploadIssuer, type UploadIssuer } from './upload-issuer';
import { VodClient } from './vod-client';

export const ProfileErrorCode = {
  NotFound: 'PROFILE_NOT_FOUND',
  NameTaken: 'PROFILE_NAME_TAKEN',
  SecretRequired: 'PROFILE_SECRET_REQUIRED',
  KeyIdRequired: 'PROFILE_KEY_ID_REQUIRED',
  StsExpired: 'PROFILE_STS_EXPIRED',
  NoProfile: 'NO_PROFILE',
} as const;

/** Network knobs for the clients a profile builds (tests shorten them). */
export interface ClientTuning {
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long before expiry assumed-role credentials are renewed (default 5 min). */
  readonly stsMarginMs?: number;
}

/** Credentials used when a job names no profile: e.g. the CLI's environment credentials. */
export interface FallbackCredentials {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials: CallerCredentialSource;
}

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

/** What a profile turns into when used: who issues upload credentials, and the VOD client if the app calls VOD. */
export interface ProfileRuntime {
  readonly issuer: UploadIssuer;
  /** Absent for an authorization-service profile (the app never calls VOD itself then). */
  readonly vod: VodClient | undefined;
  readonly authService: AuthServiceClient | undefined;
  readonly callerCredentials: CallerCredentialSource | undefined;
}

/**
 * A made-up VideoId for the connection test. The probe is RefreshUploadVideo, an upload action: RAM checks the
 * permission before the video is looked up, so Forbidden means "no upload permission", and
 * InvalidVideo.NotFound proves the key, the signature, the region AND the permission, while creating nothing.
 */
const PROBE_VIDEO_ID = '00000000000000000000000000000000';

/**
 * Upload profiles: CRUD over the `profiles` table with secrets in the SecretStore, the connection test, and
 * the per-profile clients the credential service uses. Secrets only ever flow in (save) and to the clients;
 * every answer is a ProfileSummary.
 */
export class ProfilesService {
  private readonly repo: ProfilesRepository;
  private readonly runtimes = new Map<string, { updatedAt: number; runtime: Promise<ProfileRuntime> }>();
  private fallbackRuntime: ProfileRuntime | undefined;

  public constructor(private readonly options: ProfilesServiceOptions) {
    this.repo = new ProfilesRepository(options.db);
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
    if (input.id && !existing) throw this.notFound(input.id);
    const { stored, secrets } = splitCredential(this.keyIdOrThrow(input.credential, existing));
    for (const value of Object.values(secrets)) this.options.redactor.register(value);
    resolveVodEndpoint(input.region, input.endpoint);

    const sameName = this.repo.findByName(input.name);
    if (sameName && sameName.id !== existing?.id) {
      throw new AppError(ProfileErrorCode.NameTaken, `There is already a profile named "${sameName.name}".`);
    }
    const id = existing?.id ?? (this.options.newId ?? randomUUID)();
    await this.checkSecrets(id, stored, existing, secrets);

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
      await this.writeSecrets(id, stored, secrets);
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
    await this.options.secrets.delete(id);
    this.repo.delete(id);
    this.runtimes.delete(id);
    this.log().info('profile deleted', { profileId: id });
    return { ok: true };
  }

  /** "Test connection" for a saved profile, or for a form not saved yet (its omitted secrets come from `id`). */
  public async test(request: { id: string } | { profile: ProfileInput }): Promise<ConnectionVerdict> {
    let runtime: ProfileRuntime;
    let where: string;
    try {
      if ('id' in request) {
        const record = this.record(request.id);
        runtime = this.buildRuntime(record, await this.secretsOf(record), maxOneRetry(this.options.tuning));
        where = describeTarget(record);
      } else {
        const input = ProfileInputSchema.parse(request.profile);
        const existing = input.id ? this.repo.get(input.id) : undefined;
        const { stored, secrets } = splitCredential(this.keyIdOrThrow(input.credential, existing));
        for (const value of Object.values(secrets)) this.options.redactor.register(value);
        const resolved: Partial<Record<SecretField, string>> = {};
        for (const { field, required } of secretFieldsOf(stored)) {
          const value =
            secrets[field] ??
            (existing && !keyIdChanged(existing.credential, stored)
              ? await this.options.secrets.get(existing.id, field)
              : undefined);
          if (value === undefined && required) {
            throw new AppError(
              ProfileErrorCode.SecretRequired,
              `Enter the ${secretLabel(field)} to test this profile.`,
            );
          }
          if (value !== undefined) resolved[field] = value;
        }
        const record = {
          region: input.region,
          endpoint: input.endpoint?.trim() || undefined,
          credential: stored,
        };
        runtime = this.buildRuntime(record, resolved, maxOneRetry(this.options.tuning));
        where = describeTarget(record);
      }
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
      runtime = this.vodRuntime(
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

  /** Handler-ready functions for the IPC contract's profiles:* channels. */
  public handlers(): Pick<
    ContractHandlers,
    'profiles:list' | 'profiles:save' | 'profiles:delete' | 'profiles:test'
  > {
    return {
      'profiles:list': () => this.list(),
      'profiles:save': (request) => this.save(request),
      'profiles:delete': (request) => this.delete(request.id),
      'profiles:test': (request) => this.test(request),
    };
  }

  public async runtime(profileId: string | null): Promise<ProfileRuntime> {
    const id = profileId ?? this.options.defaultProfileId?.();
    if (id) return this.runtimeFor(this.record(id));
    if (this.options.fallback) {
      const { region, endpoint, credentials } = this.options.fallback;
      this.fallbackRuntime ??= this.vodRuntime(region, endpoint, credentials, this.options.tuning);
      return this.fallbackRuntime;
    }
    throw new AppError(
      ProfileErrorCode.NoProfile,
      'No upload profile is selected. Add a profile (AccessKey, STS or authorization service) in Settings → Profiles.',
    );
  }

  private async runtimeFor(record: ProfileRecord): Promise<ProfileRuntime> {
    const cached = this.runtimes.get(record.id);
    if (cached && cached.updatedAt === record.updatedAt) return cached.runtime;
    const runtime = (async () =>
      this.buildRuntime(record, await this.secretsOf(record), this.options.tuning))();
    runtime.catch(() => this.runtimes.delete(record.id));
    this.runtimes.set(record.id, { updatedAt: record.updatedAt, runtime });
    return runtime;
  }

  private async secretsOf(record: ProfileRecord): Promise<Partial<Record<SecretField, string>>> {
    const secrets: Partial<Record<SecretField, string>> = {};
    for (const { field, required } of secretFieldsOf(record.credential)) {
      const value = await this.options.secrets.get(record.id, field);
      if (value === undefined && required) {
        throw new AppError(
          ProfileErrorCode.SecretRequired,
          `The profile "${record.name}" has no ${secretLabel(field)} stored. Edit the profile and enter it.`,
        );
      }
      if (value !== undefined) secrets[field] = value;
    }
    return secrets;
  }

  private buildRuntime(
    record: Pick<ProfileRecord, 'region' | 'endpoint' | 'credential'>,
    secrets: Partial<Record<SecretField, string>>,
    tuning: ClientTuning | undefined,
  ): ProfileRuntime {
    const c = record.credential;
    const logger = this.log();
    switch (c.kind) {
      case 'access-key':
        return this.vodRuntime(
          record.region,
          record.endpoint,
          new StaticCredentialSource({
            accessKeyId: c.accessKeyId,
            accessKeySecret: secrets.accessKeySecret ?? '',
            source: 'access-key',
          }),
          tuning,
        );
      case 'sts': {
        if (c.mode === 'temporary') {
          const expiresAt = c.expiration ? Date.parse(c.expiration) : Number.NaN;
          if (Number.isFinite(expiresAt) && expiresAt <= (this.options.now ?? Date.now)()) {
            throw new AppError(
              ProfileErrorCode.StsExpired,
              `The temporary credentials expired at ${new Date(expiresAt).toISOString()}. Paste new ones.`,
            );
          }
          return this.vodRuntime(
            record.region,
            record.endpoint,
            new StaticCredentialSource({
              accessKeyId: c.accessKeyId,
              accessKeySecret: secrets.accessKeySecret ?? '',
              securityToken: secrets.securityToken,
              expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
              source: 'sts-temporary',
            }),
            tuning,
          );
        }
        const source = new AssumeRoleSource({
          accessKeyId: c.accessKeyId,
          accessKeySecret: secrets.accessKeySecret ?? '',
          roleArn: c.roleArn,
          roleSessionName: c.roleSessionName,
          regionId: record.region,
          stsEndpoint: c.stsEndpoint,
          marginMs: tuning?.stsMarginMs,
          connectTimeoutMs: tuning?.connectTimeoutMs,
          readTimeoutMs: tuning?.readTimeoutMs,
          redactor: this.options.redactor,
          logger,
          now: this.options.now,
        });
        return this.vodRuntime(record.region, record.endpoint, source, tuning);
      }
      case 'auth-service': {
        const client = new AuthServiceClient({
          url: c.url,
          bearerToken: secrets.bearerToken,
          redactor: this.options.redactor,
          timeoutMs:
            tuning?.readTimeoutMs === undefined
              ? undefined
              : tuning.readTimeoutMs + (tuning.connectTimeoutMs ?? 5_000),
          maxAttempts: tuning?.maxAttempts,
          backoff: tuning?.backoff,
          sleep: tuning?.sleep,
          logger,
        });
        return {
          issuer: new AuthServiceUploadIssuer(client),
          vod: undefined,
          authService: client,
          callerCredentials: undefined,
        };
      }
    }
  }

  private vodRuntime(
    region: string,
    endpoint: string | undefined,
    credentials: CallerCredentialSource,
    tuning: ClientTuning | undefined,
  ): ProfileRuntime {
    const vod = new VodClient({
      endpoint: resolveVodEndpoint(region, endpoint),
      regionId: region,
      credentials,
      connectTimeoutMs: tuning?.connectTimeoutMs,
      readTimeoutMs: tuning?.readTimeoutMs,
      maxAttempts: tuning?.maxAttempts,
      backoff: tuning?.backoff,
      sleep: tuning?.sleep,
      logger: this.log(),
    });
    return { issuer: new VodUploadIssuer(vod), vod, authService: undefined, callerCredentials: credentials };
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
      this.log().warn('profile test failed', { code: e instanceof AppError ? e.code : undefined, where });
      return verdictForError(e, where);
    }
  }

  private keyIdOrThrow(credential: ProfileCredentialInput, existing: ProfileRecord | undefined) {
    const resolved = withKeptKeyId(credential, existing?.credential);
    if (!resolved)
      throw new AppError(ProfileErrorCode.KeyIdRequired, 'Enter the AccessKey ID for this profile.');
    return resolved;
  }

  private async checkSecrets(
    id: string,
    stored: StoredCredential,
    existing: ProfileRecord | undefined,
    secrets: Partial<Record<SecretField, string>>,
  ): Promise<void> {
    const changedKey = existing ? keyIdChanged(existing.credential, stored) : true;
    for (const { field, required } of secretFieldsOf(stored)) {
      if (!required || secrets[field] !== undefined) continue;
      const kept =
        existing &&
        !changedKey &&
        existing.credential.kind === stored.kind &&
        (await this.options.secrets.has(id, field));
      if (!kept) {
        throw new AppError(
          ProfileErrorCode.SecretRequired,
          existing && changedKey
            ? `The AccessKey ID changed: enter its ${secretLabel(field)} too.`
            : `Enter the ${secretLabel(field)} for this profile.`,
        );
      }
    }
  }

  private async writeSecrets(
    id: string,
    stored: StoredCredential,
    secrets: Partial<Record<SecretField, string>>,
  ): Promise<void> {
    const used = new Set(secretFieldsOf(stored).map((f) => f.field));
    for (const field of ['accessKeySecret', 'securityToken', 'bearerToken'] as const) {
      const value = secrets[field];
      if (!used.has(field)) await this.options.secrets.delete(id, field);
      else if (value !== undefined) await this.options.secrets.set(id, field, value);
    }
  }

  private async summary(record: ProfileRecord): Promise<ProfileSummary> {
    const fields = secretFieldsOf(record.credential);
    let hasSecret = fields.length > 0;
    for (const { field, required } of fields) {
      const has = await this.options.secrets.has(record.id, field);
      if (required && !has) hasSecret = false;
      if (!required) hasSecret = has;
    }
    return toSummary(record, hasSecret);
  }

  private record(id: string): ProfileRecord {
    const record = this.repo.get(id);
    if (!record) throw this.notFound(id);
    return record;
  }

  private notFound(id: string): AppError {
    return new AppError(
      ProfileErrorCode.NotFound,
      `There is no profile with id ${id}; it may have been deleted.`,
    );
  }

  private log(): Logger {
    return this.options.logger ?? nullLogger;
  }
}

function keyIdChanged(before: StoredCredential, after: StoredCredential): boolean {
  if (before.kind !== after.kind) return true;
  if (before.kind === 'auth-service' || after.kind === 'auth-service') return false;
  return before.accessKeyId !== after.accessKeyId;
}

function secretLabel(field: SecretField): string {
  return field === 'accessKeySecret'
    ? 'AccessKey secret'
    : field === 'securityToken'
      ? 'security token'
      : 'bearer token';
}

function describeTarget(record: Pick<ProfileRecord, 'region' | 'endpoint' | 'credential'>): string {
  if (record.credential.kind === 'auth-service')
    return `the authorization service at ${record.credential.url}`;
  try {
    return `VOD in ${record.region} (${resolveVodEndpoint(record.region, record.endpoint).host})`;
  } catch {
    return `VOD in ${record.region}`;
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
