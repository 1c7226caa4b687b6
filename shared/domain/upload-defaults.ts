import { z } from 'zod';

/** Metadata applied to every upload of a profile or a batch (an "ingest preset"). */
export const UploadDefaultsSchema = z.object({
  titleTemplate: z.string().max(256).default('{name}'),
  description: z.string().max(1024).optional(),
  tags: z.array(z.string().min(1).max(32)).max(16).default([]),
  cateId: z.number().int().positive().optional(),
  templateGroupId: z.string().max(128).optional(),
  workflowId: z.string().max(128).optional(),
  storageLocation: z.string().max(256).optional(),
  appId: z.string().max(128).optional(),
  userData: z.string().max(4096).optional(),
});
export type UploadDefaults = z.infer<typeof UploadDefaultsSchema>;
/** Batch options chosen at drop time: any field overrides the profile's default. */
export const BatchOptionsSchema = UploadDefaultsSchema.partial().extend({
  profileId: z.string().min(1).optional(),
});
export type BatchOptions = z.infer<typeof BatchOptionsSchema>;
