import { z } from 'zod';
import { isJsonObject, JSON_OBJECT_HINT } from '../logic/json-object';

/** VOD takes UserData only as a JSON object in a string (callback and acceleration settings). */
const userData = z.string().max(4096).refine(isJsonObject, { message: JSON_OBJECT_HINT });

/**
 * Metadata applied to every upload of a profile or a batch (an "ingest preset"): every field of the three
 * create calls (CreateUploadVideo, CreateUploadImage, CreateUploadAttachedMedia) that is not about the file
 * itself. A field a call does not take is not sent with it (upload-issuer.ts says which goes where).
 */
const MetadataSchema = z.object({
  titleTemplate: z.string().max(256),
  description: z.string().max(1024).optional(),
  tags: z.array(z.string().min(1).max(32)).max(16),
  cateId: z.number().int().positive().optional(),
  /** Video only. */
  templateGroupId: z.string().max(128).optional(),
  /** Video only; VOD runs it instead of the template group when both are set. */
  workflowId: z.string().max(128).optional(),
  /** Video only: the cover image's URL (CoverURL). */
  coverUrl: z.url().max(1024).optional(),
  storageLocation: z.string().max(256).optional(),
  appId: z.string().max(128).optional(),
  userData: userData.optional(),
  /** Images: 'cover' uploads them as video covers (ImageType cover) instead of library images. */
  imageType: z.enum(['default', 'cover']).optional(),
  /**
   * Files a watermark or material may be (png, gif, mov…; zip, mp4…) go up as attached media of that business
   * type instead of as images or videos (classify-file.ts).
   */
  attachedAs: z.enum(['watermark', 'material']).optional(),
});

export const UploadDefaultsSchema = MetadataSchema.extend({
  titleTemplate: MetadataSchema.shape.titleTemplate.default('{name}'),
  tags: MetadataSchema.shape.tags.default([]),
});
export type UploadDefaults = z.infer<typeof UploadDefaultsSchema>;

/** Every metadata field a person sets (the form fields, the CLI flags and preset files use these names). */
export const METADATA_FIELDS = [
  'titleTemplate',
  'description',
  'tags',
  'cateId',
  'templateGroupId',
  'workflowId',
  'coverUrl',
  'storageLocation',
  'appId',
  'userData',
  'imageType',
  'attachedAs',
] as const satisfies ReadonlyArray<keyof UploadDefaults>;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/**
 * Batch options chosen at drop time: a field set overrides the profile's default, a field left out keeps it
 * (so no defaults here: a default title template would override the profile's).
 */
export const BatchOptionsSchema = MetadataSchema.partial().extend({
  profileId: z.string().min(1).optional(),
});
export type BatchOptions = z.infer<typeof BatchOptionsSchema>;
