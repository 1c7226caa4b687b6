import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { UploadDefaults } from '../../../shared/domain/upload-defaults';

/**
 * The contract between the upload engine and the credential service. The engine never talks to the VOD API
 * or to a secret store itself: it asks for a grant for a job and for a fresh one when the current one is
 * about to expire or OSS refuses it.
 */

/** Where the bytes go, from the decoded UploadAddress. */
export interface UploadTarget {
  /** VideoId, ImageId or MediaId. */
  readonly mediaId: string;
  readonly kind: MediaKind;
  /** OSS endpoint with scheme, e.g. https://oss-cn-shanghai.aliyuncs.com or http://127.0.0.1:PORT. */
  readonly endpoint: string;
  readonly bucket: string;
  /** Object key (UploadAddress.FileName). */
  readonly objectKey: string;
  /** UploadAuth.Region when present, e.g. cn-shanghai. */
  readonly region: string | undefined;
}

/** The STS credential from the decoded UploadAuth. */
export interface UploadCredential {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** Absolute expiry, epoch ms: ExpireUTCTime, else issue time + Expiration seconds. */
  readonly expiresAt: number;
  /** When the grant arrived, epoch ms: with expiresAt, the credential's lifetime. */
  readonly issuedAt: number;
}

export interface UploadGrant {
  readonly target: UploadTarget;
  readonly credential: UploadCredential;
  /** The base64 UploadAddress as VOD returned it, persisted with the job the moment it arrives. */
  readonly uploadAddress: string;
  /** VOD's RequestId of the call that issued the grant. */
  readonly requestId: string | undefined;
}

/** What the credential service needs to know about a job. */
export interface CredentialRequest {
  readonly jobId: string;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | undefined;
  readonly profileId: string | null;
  /** The media ID already issued for this job, if any (a video is then refreshed, never re-created). */
  readonly mediaId: string | null;
  readonly fileName: string;
  readonly fileSize: number;
  readonly title: string;
  readonly metadata: UploadDefaults;
  /** Written ahead in the media ledger; the create call carries it in UserData (upload-marker.ts). */
  readonly marker?: string | undefined;
}

export type RefreshReason = 'expiring' | 'auth-error' | 'resume';

export interface CredentialService {
  /** Issues a new media ID and grant (CreateUploadVideo / CreateUploadImage / CreateUploadAttachedMedia). */
  acquire(request: CredentialRequest): Promise<UploadGrant>;
  /**
   * A fresh grant for a job that already has one: a video keeps its VideoId and object key
   * (RefreshUploadVideo); an image or attached media is re-created with a new media ID.
   */
  refresh(request: CredentialRequest, reason: RefreshReason): Promise<UploadGrant>;
  /** True when the grant expires within the service's safety margin. */
  needsRefresh(grant: UploadGrant, now?: number): boolean;
}
