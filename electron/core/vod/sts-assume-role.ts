import * as sts from '@alicloud/sts20150401';
import * as openapiCore from '@alicloud/openapi-core';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { VodCallerCredential } from '../secrets/caller-credential';
import type { CallerCredentialSource } from './caller-credentials';
import { cjsDefault } from './cjs-interop';
import { parseEndpoint, type ResolvedEndpoint } from './endpoints';
import { toVodError } from './vod-error';

export interface AssumeRoleOptions {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly roleArn: string;
  readonly roleSessionName?: string | undefined;
  /** Region of the STS endpoint when none is given (sts.<region>.aliyuncs.com). */
  readonly regionId: string;
  /** Explicit STS endpoint, e.g. the emulator's http://127.0.0.1:PORT. */
  readonly stsEndpoint?: string | undefined;
  /** Requested lifetime (default 3600 s; STS allows 900 to the role's maximum). */
  readonly durationSeconds?: number;
  /** Renew this long before expiry (default 5 min, never more than half the lifetime). */
  readonly marginMs?: number;
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly redactor: Redactor;
  readonly logger?: Logger;
  readonly now?: () => number;
}

interface StsClient {
  assumeRoleWithOptions(request: unknown, runtime: unknown): Promise<{ body?: StsBody }>;
}
interface StsBody {
  requestId?: string;
  credentials?: {
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    expiration?: string;
  };
}

/**
 * Temporary credentials from STS AssumeRole (the RAM user's AccessKey assumes the role), renewed before they
 * expire and whenever a service rejects them. Concurrent callers share one AssumeRole request.
 */
export class AssumeRoleSource implements CallerCredentialSource {
  private current: VodCallerCredential | null = null;
  private issuedAt = 0;
  private pending: Promise<VodCallerCredential> | null = null;
  private readonly endpoint: ResolvedEndpoint;

  public constructor(private readonly options: AssumeRoleOptions) {
    options.redactor.register(options.accessKeySecret);
    this.endpoint = parseEndpoint(options.stsEndpoint?.trim() || `sts.${options.regionId}.aliyuncs.com`);
  }

  public async get(): Promise<VodCallerCredential> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && !this.expiring(this.current, now)) return this.current;
    this.pending ??= this.assume().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  public invalidate(): void {
    this.current = null;
  }

  private expiring(credential: VodCallerCredential, now: number): boolean {
    if (credential.expiresAt === undefined) return false;
    const lifetime = credential.expiresAt - this.issuedAt;
    const margin = Math.min(this.options.marginMs ?? 5 * 60_000, Math.max(0, lifetime / 2));
    return credential.expiresAt - now <= margin;
  }

  private async assume(): Promise<VodCallerCredential> {
    const { options } = this;
    const logger = options.logger ?? nullLogger;
    const Client = cjsDefault<new (config: unknown) => StsClient>(sts);
    const core = openapiCore as unknown as { $OpenApiUtil: { Config: new (map: object) => object } };
    const { AssumeRoleRequest } = sts as unknown as { AssumeRoleRequest: new (map: object) => object };
    const { RuntimeOptions } = (await import('@alicloud/tea-util')) as unknown as {
      RuntimeOptions: new (map: object) => object;
    };
    const client = new Client(
      new core.$OpenApiUtil.Config({
        accessKeyId: options.accessKeyId,
        accessKeySecret: options.accessKeySecret,
        endpoint: this.endpoint.host,
        protocol: this.endpoint.protocol,
        regionId: options.regionId,
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        readTimeout: options.readTimeoutMs ?? 15_000,
      }),
    );
    const issuedAt = (options.now ?? Date.now)();
    let body: StsBody | undefined;
    try {
      const response = await client.assumeRoleWithOptions(
        new AssumeRoleRequest({
          roleArn: options.roleArn,
          roleSessionName: options.roleSessionName ?? 'vod-uploader',
          durationSeconds: options.durationSeconds ?? 3600,
        }),
        new RuntimeOptions({
          connectTimeout: options.connectTimeoutMs ?? 5_000,
          readTimeout: options.readTimeoutMs ?? 15_000,
        }),
      );
      body = response.body;
    } catch (e) {
      throw toVodError(e, 'AssumeRole', this.endpoint.url);
    }
    const c = body?.credentials;
    if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) {
      throw toVodError(
        Object.assign(new Error('AssumeRole answered without credentials'), { statusCode: 200 }),
        'AssumeRole',
        this.endpoint.url,
      );
    }
    options.redactor.register(c.accessKeySecret);
    options.redactor.register(c.securityToken);
    const expiresAt = c.expiration ? Date.parse(c.expiration) : Number.NaN;
    this.issuedAt = issuedAt;
    this.current = {
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: c.securityToken,
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : issuedAt + (options.durationSeconds ?? 3600) * 1000,
      source: 'assume-role',
    };
    logger.info('assumed role', {
      roleArn: options.roleArn,
      expiresAt: this.current.expiresAt,
      requestId: body?.requestId,
    });
    return this.current;
  }
}
