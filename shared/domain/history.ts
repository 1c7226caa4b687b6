import { z } from 'zod';
import { MediaKindSchema } from './media-kind';

export const HistoryRowSchema = z.object({
  id: z.string(),
  mediaId: z.string(),
  kind: MediaKindSchema,
  title: z.string(),
  path: z.string(),
  name: z.string(),
  size: z.number().nonnegative(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  finishedAt: z.number(),
  /** VOD's status of the media (Uploading, UploadSucc, Transcoding, Normal, ...), as last polled. */
  vodStatus: z.string().nullable(),
  crc64: z.string().nullable(),
  /** The tags the upload was given (VOD's Tags), for search and export. */
  tags: z.array(z.string()),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;
