import { z } from 'zod';

/** Which CreateUpload* action a file goes through. */
export const MediaKindSchema = z.enum(['video', 'image', 'attached']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** CreateUploadAttachedMedia's BusinessType. */
export const AttachedBusinessTypeSchema = z.enum(['watermark', 'subtitle', 'material']);
export type AttachedBusinessType = z.infer<typeof AttachedBusinessTypeSchema>;
