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
  /** The folder it was uploaded from, relative to what was dropped ('' for a file dropped on its own). */
  relativeDir: z.string(),
  /** From GetVideoInfos once VOD processed the video: seconds, and the cover (snapshot) URL. */
  duration: z.number().nonnegative().nullable(),
  coverUrl: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;
