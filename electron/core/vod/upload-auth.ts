import { z } from 'zod';
import type { MediaKind } from '../../../shared/domain/media-kind';
import { AppError } from '../base/app-error';
import type { UploadCredential, UploadGrant, UploadTarget } from './credential-types';

export const UPLOAD_AUTH_INVALID = 'UPLOAD_AUTH_INVALID';

const UploadAddressSchema = z.object({
  Endpoint: z.string().min(1),
  Bucket: z.string().min(1),
  FileName: z.string().min(1),
});

const seconds = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const UploadAuthSchema = z.object({
  AccessKeyId: z.string().min(1),
  AccessKeySecret: z.string().min(1),
  SecurityToken: z.string().min(1),
  /** A duration in seconds (reference §0.5), not a date. */
  Expiration: seconds.optional(),
  ExpireUTCTime: z.string().optional(),
  Region: z.string().optional(),
});

export interface IssuedUpload {
  readonly mediaId: string;
  /** base64 JSON, as VOD returned it. */
  readonly uploadAddress: string;
  /** base64 JSON, as VOD returned it. Holds a secret: never persist or log it. */
  readonly uploadAuth: string;
  readonly requestId?: string | undefined;
}

function decodeBase64Json(value: string, what: string): unknown {
  const text = Buffer.from(value.trim(), 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(UPLOAD_AUTH_INVALID, `VOD returned an ${what} that is not base64-encoded JSON.`);
  }
}

function describe(error: z.ZodError): string {
  // Field names only: the values include the STS secret.
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ');
}

export function decodeUploadAddress(uploadAddress: string, mediaId: string, kind: MediaKind): UploadTarget {
  const parsed = UploadAddressSchema.safeParse(decodeBase64Json(uploadAddress, 'UploadAddress'));
  if (!parsed.success) {
    throw new AppError(
      UPLOAD_AUTH_INVALID,
      `VOD returned an incomplete UploadAddress: ${describe(parsed.error)}.`,
    );
  }
  const { Endpoint, Bucket, FileName } = parsed.data;
  const endpoint = /^https?:\/\//i.test(Endpoint)
    ? Endpoint.replace(/\/+$/, '')
    : `https://${Endpoint.replace(/\/+$/, '')}`;
  return { mediaId, kind, endpoint, bucket: Bucket, objectKey: FileName, region: undefined };
}

/** `issuedAt` is when the answer arrived: the fallback base for a relative Expiration. */
export function decodeUploadAuth(
  uploadAuth: string,
  issuedAt: number,
): { credential: UploadCredential; region: string | undefined } {
  const parsed = UploadAuthSchema.safeParse(decodeBase64Json(uploadAuth, 'UploadAuth'));
  if (!parsed.success) {
    throw new AppError(
      UPLOAD_AUTH_INVALID,
      `VOD returned an incomplete UploadAuth: ${describe(parsed.error)}.`,
    );
  }
  const auth = parsed.data;
  // ExpireUTCTime is on the server's clock, Expiration (seconds) on nobody's: with both, the earlier of the
  // two, so a clock behind Alibaba Cloud's never keeps a credential that has already expired.
  const absolute = auth.ExpireUTCTime ? Date.parse(auth.ExpireUTCTime) : Number.NaN;
  const relative =
    auth.Expiration !== undefined && Number.isFinite(auth.Expiration)
      ? issuedAt + auth.Expiration * 1000
      : Number.NaN;
  const known = [absolute, relative].filter((t) => Number.isFinite(t));
  if (known.length === 0) {
    throw new AppError(
      UPLOAD_AUTH_INVALID,
      'VOD returned an UploadAuth with neither ExpireUTCTime nor Expiration.',
    );
  }
  const expiresAt = Math.min(...known);
  return {
    credential: {
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      securityToken: auth.SecurityToken,
      expiresAt,
      issuedAt,
    },
    region: auth.Region || undefined,
  };
}

export function toUploadGrant(issued: IssuedUpload, kind: MediaKind, issuedAt: number): UploadGrant {
  const target = decodeUploadAddress(issued.uploadAddress, issued.mediaId, kind);
  const { credential, region } = decodeUploadAuth(issued.uploadAuth, issuedAt);
  return {
    target: { ...target, region },
    credential,
    uploadAddress: issued.uploadAddress,
    requestId: issued.requestId,
  };
}
