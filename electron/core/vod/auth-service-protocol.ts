import { z } from 'zod';
import { AttachedBusinessTypeSchema, MediaKindSchema } from '../../../shared/domain/media-kind';

/**
 * The authorization-service protocol (docs/auth-service.md): the organisation's server holds the AccessKey
 * and issues one UploadAddress/UploadAuth per file; the app holds no long-lived secret beyond an optional
 * bearer token. Both the client (auth-service-client.ts) and the reference server (test/auth-service/) use
 * these schemas.
 */
export const AUTH_SERVICE_PROTOCOL_VERSION = 1;

export const AuthCreateRequestSchema = z.object({
  kind: MediaKindSchema,
  /** Required when kind is "attached". */
  businessType: AttachedBusinessTypeSchema.optional(),
  fileName: z.string().min(1).max(1024),
  fileSize: z.number().int().nonnegative(),
  title: z.string().min(1).max(128),
  description: z.string().max(1024).optional(),
  tags: z.array(z.string().min(1).max(32)).max(16).optional(),
  cateId: z.number().int().positive().optional(),
  templateGroupId: z.string().max(128).optional(),
  workflowId: z.string().max(128).optional(),
  /** Video only (CoverURL). */
  coverUrl: z.string().max(1024).optional(),
  /** Image only: 'cover' for a video cover, else a library image. */
  imageType: z.enum(['default', 'cover']).optional(),
  storageLocation: z.string().max(256).optional(),
  appId: z.string().max(128).optional(),
  userData: z.string().max(4096).optional(),
});
export type AuthCreateRequest = z.infer<typeof AuthCreateRequestSchema>;

export const AuthRefreshRequestSchema = z.object({ videoId: z.string().min(1).max(128) });
export type AuthRefreshRequest = z.infer<typeof AuthRefreshRequestSchema>;

export const AuthIssueResponseSchema = z.object({
  mediaId: z.string().min(1),
  uploadAddress: z.string().min(1),
  uploadAuth: z.string().min(1),
  requestId: z.string().optional(),
});
export type AuthIssueResponse = z.infer<typeof AuthIssueResponseSchema>;

/**
 * Optional call (docs/auth-service.md): delete media the app created and will not finish (a cancel, a
 * re-created image, the clean-up check). A service may refuse any ID; the reference server deletes only media
 * still in "Uploading", so a token can never remove a finished video.
 */
export const AuthDeleteRequestSchema = z.object({
  kind: MediaKindSchema,
  mediaIds: z.array(z.string().min(1).max(128)).min(1).max(20),
});
export type AuthDeleteRequest = z.infer<typeof AuthDeleteRequestSchema>;

export const AuthDeleteResponseSchema = z.object({
  /** Deleted now (or already gone). */
  deleted: z.array(z.string()),
  /** Not deleted by the service's rule (e.g. no longer Uploading): nothing left for the app to clean. */
  refused: z.array(z.string()).default([]),
  requestId: z.string().optional(),
});
export type AuthDeleteResponse = z.infer<typeof AuthDeleteResponseSchema>;

export const AuthStatusResponseSchema = z.object({
  ok: z.literal(true),
  protocol: z.number().int().optional(),
  region: z.string().optional(),
  /** Optional calls the service offers, e.g. ["delete"]. */
  features: z.array(z.string()).optional(),
});

export const AuthErrorResponseSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  requestId: z.string().optional(),
});
export type AuthErrorResponse = z.infer<typeof AuthErrorResponseSchema>;
