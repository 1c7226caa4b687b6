import { z } from 'zod';
import { UploadDefaultsSchema } from './upload-defaults';

export const ProfileKindSchema = z.enum(['access-key', 'sts', 'auth-service']);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

const secret = z.string().min(1).max(4096);

/**
 * The credential part of a profile as the renderer sends it. Secrets are write-only: they flow
 * renderer → main when typed, and are never sent back. On edit, an omitted secret keeps the stored one, and
 * so does an omitted AccessKey ID (the renderer only ever sees it masked).
 */
// Two STS modes share kind 'sts': zod 4 refuses a duplicate discriminator value, so they form a nested
// union on 'mode' (the inferred type is unchanged).
export const ProfileCredentialInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('access-key'),
    accessKeyId: z.string().trim().min(1).max(128).optional(),
    accessKeySecret: secret.optional(),
  }),
  z.discriminatedUnion('mode', [
    z.object({
      kind: z.literal('sts'),
      mode: z.literal('assume-role'),
      accessKeyId: z.string().trim().min(1).max(128).optional(),
      accessKeySecret: secret.optional(),
      roleArn: z.string().min(1).max(512),
      roleSessionName: z.string().min(2).max(64).optional(),
      stsEndpoint: z.string().max(512).optional(),
    }),
    z.object({
      kind: z.literal('sts'),
      mode: z.literal('temporary'),
      accessKeyId: z.string().trim().min(1).max(128).optional(),
      accessKeySecret: secret.optional(),
      securityToken: secret.optional(),
      expiration: z.string().max(64).optional(),
    }),
  ]),
  z.object({
    kind: z.literal('auth-service'),
    url: z.string().url().max(2048),
    bearerToken: secret.optional(),
  }),
]);
export type ProfileCredentialInput = z.infer<typeof ProfileCredentialInputSchema>;

export const ProfileInputSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(64),
  region: z.string().min(1).max(64),
  endpoint: z.string().max(512).optional(),
  defaults: UploadDefaultsSchema,
  credential: ProfileCredentialInputSchema,
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

/** What the renderer may see of a profile: no secret, key ids masked. */
export const ProfileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ProfileKindSchema,
  region: z.string(),
  endpoint: z.string().optional(),
  defaults: UploadDefaultsSchema,
  /** e.g. "LTAI****abcd"; absent for an authorization service. */
  accessKeyIdMasked: z.string().optional(),
  stsMode: z.enum(['assume-role', 'temporary']).optional(),
  roleArn: z.string().optional(),
  authServiceUrl: z.string().optional(),
  hasSecret: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

export const ConnectionVerdictSchema = z.object({
  verdict: z.enum(['ok', 'wrong-key', 'no-permission', 'wrong-region', 'unreachable', 'error']),
  message: z.string(),
  requestId: z.string().optional(),
});
export type ConnectionVerdict = z.infer<typeof ConnectionVerdictSchema>;
