import type { BackoffOptions } from '../../../shared/logic/backoff';
import { AppError } from '../base/app-error';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { AuthServiceClient } from './auth-service-client';
import { StaticCredentialSource, type CallerCredentialSource } from './caller-credentials';
import { resolveVodEndpoint } from './endpoints';
import { ProfileErrorCode } from './profile-errors';
import type { ProfileRecord } from './profile-records';
import type { SecretValues } from './profile-secrets';
import { AssumeRoleSource } from './sts-assume-role';
import { AuthServiceUploadIssuer, VodUploadIssuer, type UploadIssuer } from './upload-issuer';
import { VodClient } from './vod-client';

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

/** What a profile turns into when used: who issues upload credentials, and the VOD client if the app calls VOD. */
export interface ProfileRuntime {
  readonly issuer: UploadIssuer;
  /** Absent for an authorization-service profile (the app never calls VOD itself then). */
  readonly vod: VodClient | undefined;
  readonly authService: AuthServiceClient | undefined;
  readonly callerCredentials: CallerCredentialSource | undefined;
}

/** The part of a profile its clients are built from (a saved record, or a form not saved yet). */
export type ClientTarget = Pick<ProfileRecord, 'region' | 'endpoint' | 'credential'>;

export interface ProfileClientFactoryOptions {
  readonly redactor: Redactor;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** Builds the clients a profile's credential calls for: VOD with a key (static or assumed role), or the authorization service. */
export class ProfileClientFactory {
  public constructor(private readonly options: ProfileClientFactoryOptions) {}

  public build(
    target: ClientTarget,
    secrets: SecretValues,
    tuning: ClientTuning | undefined,
  ): ProfileRuntime {
    const c = target.credential;
    const { redactor, logger } = this.options;
    switch (c.kind) {
      case 'access-key':
        return this.vod(
          target.region,
          target.endpoint,
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
          return this.vod(
            target.region,
            target.endpoint,
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
          regionId: target.region,
          stsEndpoint: c.stsEndpoint,
          marginMs: tuning?.stsMarginMs,
          connectTimeoutMs: tuning?.connectTimeoutMs,
          readTimeoutMs: tuning?.readTimeoutMs,
          redactor,
          logger,
          now: this.options.now,
        });
        return this.vod(target.region, target.endpoint, source, tuning);
      }
      case 'auth-service': {
        const client = new AuthServiceClient({
          url: c.url,
          bearerToken: secrets.bearerToken,
          redactor,
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

  /** A VOD client signing with `credentials`, and the upload issuer on it. */
  public vod(
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
      logger: this.options.logger,
    });
    return { issuer: new VodUploadIssuer(vod), vod, authService: undefined, callerCredentials: credentials };
  }
}
