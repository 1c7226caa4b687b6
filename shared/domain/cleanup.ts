import { z } from 'zod';
import { ErrorInfoSchema } from './errors';
import { JOB_STATES } from './job-status';
import { MediaKindSchema } from './media-kind';

/**
 * The "clean up" check (`vod-upload doctor`, Settings → Clean up; docs/media-cleanup.md): what the uploader
 * left in the user's VOD library, and what it still owes it.
 */

/**
 * Who a media in "Uploading" belongs to:
 * - `in-use`: a job in this uploader's queue (not canceled) or its history holds it: never removed;
 * - `orphan`: made by this uploader (its marker in UserData, or its ID in this data dir's records) and no
 *   job will finish it: `--fix` removes it;
 * - `other`: no mark of this data dir: another tool, another computer, or an upload from before markers.
 *   It may still be in progress elsewhere, so it is removed only when asked for explicitly.
 */
export const StrayOwnerSchema = z.enum(['in-use', 'orphan', 'other']);
export type StrayOwner = z.infer<typeof StrayOwnerSchema>;

export const StrayMediaSchema = z.object({
  mediaId: z.string().min(1),
  kind: MediaKindSchema,
  title: z.string(),
  /** VOD's CreationTime (ISO-8601 UTC). */
  creationTime: z.string().nullable(),
  owner: StrayOwnerSchema,
  /** The job working on it (owner `in-use`), or the one that made it. */
  job: z.object({ id: z.string(), path: z.string(), state: z.enum(JOB_STATES) }).nullable(),
  /** Already queued for deletion in the ledger (the cleaner will retry it). */
  pendingDelete: z.boolean(),
});
export type StrayMedia = z.infer<typeof StrayMediaSchema>;

/** A multipart upload left open on OSS. */
export const OpenUploadSchema = z.object({
  objectKey: z.string(),
  uploadId: z.string(),
  /** The media whose key it is, when known. */
  mediaId: z.string().nullable(),
  kind: MediaKindSchema.nullable(),
  owner: StrayOwnerSchema,
  /** `oss`: listed by ListMultipartUploads; `records`: this data dir's own record of it. */
  source: z.enum(['oss', 'records']),
  initiated: z.string().nullable(),
});
export type OpenUpload = z.infer<typeof OpenUploadSchema>;

/** A delete the ledger still owes VOD (a failed one is retried by the cleaner and shown until it succeeds). */
export const PendingCleanupSchema = z.object({
  mediaId: z.string(),
  kind: MediaKindSchema,
  reason: z.string(),
  attempts: z.number().int().nonnegative(),
  lastError: ErrorInfoSchema.nullable(),
  profileId: z.string().nullable(),
});
export type PendingCleanup = z.infer<typeof PendingCleanupSchema>;

/** How far the check could look, said plainly (a narrow credential, an authorization service without search). */
export const CleanupLimitSchema = z.object({
  code: z.enum([
    'UPLOAD_LISTING_REFUSED',
    'UPLOAD_LISTING_SKIPPED',
    'SEARCH_UNAVAILABLE',
    'DELETE_UNAVAILABLE',
  ]),
  message: z.string(),
});
export type CleanupLimit = z.infer<typeof CleanupLimitSchema>;

export const CleanupReportSchema = z.object({
  /** The profile checked (null: the host's fallback credentials) and its name. */
  profileId: z.string().nullable(),
  profileName: z.string(),
  checkedAt: z.number(),
  media: z.array(StrayMediaSchema),
  uploads: z.array(OpenUploadSchema),
  pending: z.array(PendingCleanupSchema),
  limits: z.array(CleanupLimitSchema),
});
export type CleanupReport = z.infer<typeof CleanupReportSchema>;

export const CleanupFixResultSchema = z.object({
  removedMedia: z.array(z.string()),
  abortedUploads: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), error: ErrorInfoSchema })),
  /** The check again, after the fix. */
  report: CleanupReportSchema,
});
export type CleanupFixResult = z.infer<typeof CleanupFixResultSchema>;

/** True when the check found something to remove or owed (what `doctor` exits 1 for). */
export function cleanupNeeded(report: CleanupReport): boolean {
  return (
    report.media.some((m) => m.owner !== 'in-use') ||
    report.uploads.some((u) => u.owner !== 'in-use') ||
    report.pending.length > 0
  );
}
