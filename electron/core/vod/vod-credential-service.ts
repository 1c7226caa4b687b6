import { AppError } from '../base/app-error';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { CredentialRequest, CredentialService, RefreshReason, UploadGrant } from './credential-types';
import { toUploadGrant, type IssuedUpload } from './upload-auth';
import type { UploadIssuer } from './upload-issuer';

export interface VodCredentialServiceOptions {
  /** The issuer for a job's profile (null: the default profile, or headless credentials). */
  readonly issuerFor: (profileId: string | null) => Promise<UploadIssuer>;
  readonly redactor: Redactor;
  /** Refresh this long before the grant expires (default 5 minutes). */
  readonly marginMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The engine's source of upload grants (credential-types.ts).
 *
 * Refresh semantics the engine must honour:
 * - video: RefreshUploadVideo. Same VideoId, same bucket and object key: the multipart upload and its parts
 *   stay valid; only the STS credential changes.
 * - image / attached media: VOD cannot refresh these, so refresh() re-creates them. The grant carries a NEW
 *   media ID and a NEW object key: the engine must persist the new media ID and restart that file's upload
 *   from the first byte (the old uploadId belongs to the old key). Such files are small, so little is lost.
 */
export class VodCredentialService implements CredentialService {
  private readonly marginMs: number;

  public constructor(private readonly options: VodCredentialServiceOptions) {
    this.marginMs = options.marginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  public async acquire(request: CredentialRequest): Promise<UploadGrant> {
    const issuer = await this.options.issuerFor(request.profileId);
    const grant = this.grant(await issuer.create(request), request);
    this.log().info('upload credential issued', {
      jobId: request.jobId,
      kind: request.kind,
      mediaId: grant.target.mediaId,
      requestId: grant.requestId,
      expiresAt: grant.credential.expiresAt,
    });
    return grant;
  }

  public async refresh(request: CredentialRequest, reason: RefreshReason): Promise<UploadGrant> {
    const issuer = await this.options.issuerFor(request.profileId);
    let grant: UploadGrant;
    if (request.kind === 'video') {
      if (!request.mediaId) {
        throw new AppError(
          'NO_MEDIA_ID',
          `${request.fileName}: there is no VideoId to refresh; acquire a credential first.`,
        );
      }
      grant = this.grant(await issuer.refreshVideo(request.mediaId), request);
      if (grant.target.mediaId !== request.mediaId) {
        throw new AppError(
          'REFRESH_CHANGED_MEDIA',
          `RefreshUploadVideo answered for ${grant.target.mediaId}, not ${request.mediaId}.`,
          { requestId: grant.requestId },
        );
      }
    } else {
      grant = this.grant(await issuer.create(request), request);
    }
    this.log().info('upload credential refreshed', {
      jobId: request.jobId,
      kind: request.kind,
      reason,
      previousMediaId: request.mediaId,
      mediaId: grant.target.mediaId,
      recreated: request.kind !== 'video',
      requestId: grant.requestId,
      expiresAt: grant.credential.expiresAt,
    });
    return grant;
  }

  /**
   * True within the margin before expiry. The margin never exceeds a fifth of the credential's lifetime, so a
   * short-lived credential (an emulator's --sts-ttl, a tight STS policy) is not refreshed before every part.
   */
  public needsRefresh(grant: UploadGrant, now: number = (this.options.now ?? Date.now)()): boolean {
    const { expiresAt, issuedAt } = grant.credential;
    const margin = Math.min(this.marginMs, Math.max(0, (expiresAt - issuedAt) / 5));
    return expiresAt - now <= margin;
  }

  private grant(issued: IssuedUpload, request: CredentialRequest): UploadGrant {
    const grant = toUploadGrant(issued, request.kind, (this.options.now ?? Date.now)());
    this.options.redactor.register(grant.credential.accessKeySecret);
    this.options.redactor.register(grant.credential.securityToken);
    this.options.redactor.register(issued.uploadAuth);
    return grant;
  }

  private log(): Logger {
    return this.options.logger ?? nullLogger;
  }
}
