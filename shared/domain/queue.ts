import { z } from 'zod';
import { ErrorInfoSchema } from './errors';
import { JOB_STATES, JobStatusSchema } from './job-status';
import { MediaKindSchema } from './media-kind';

/** One row of the queue as the renderer shows it. */
export const JobViewSchema = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  /** Folder relative to the dropped root ('' for a file dropped on its own). */
  relativeDir: z.string(),
  kind: MediaKindSchema,
  size: z.number().int().nonnegative(),
  bytesDone: z.number().int().nonnegative(),
  /** Smoothed bytes per second; 0 when not moving. */
  speed: z.number().nonnegative(),
  /** Smoothed seconds left; null while it is meaningless (paused, just started, unknown). */
  etaSeconds: z.number().nonnegative().nullable(),
  status: JobStatusSchema,
  mediaId: z.string().nullable(),
  profileId: z.string().nullable(),
  title: z.string(),
  position: z.number(),
  addedAt: z.number(),
  retryCount: z.number().int().nonnegative(),
  lastError: ErrorInfoSchema.nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;

/**
 * How the window loads the queue (`queue:list` with a limit): a first page, enough to fill it, then the rest
 * in pages of QUEUE_PAGE, so a queue of 100,000 shows at once and the rest follows (issue 19).
 */
export const QUEUE_FIRST_PAGE = 500;
export const QUEUE_PAGE = 5000;

export const QueueTotalsSchema = z.object({
  jobs: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  bytesDone: z.number().nonnegative(),
  speed: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Requests in flight now and how many the engine allows itself at present (adaptive; see the engine). */
  connections: z
    .object({ active: z.number().int().nonnegative(), limit: z.number().int().nonnegative() })
    .optional(),
});
export type QueueTotals = z.infer<typeof QueueTotalsSchema>;

/**
 * The throttled, aggregated engine snapshot (at most 10 a second). It carries only the rows that changed
 * since the previous snapshot; `full` marks one that carries every row (after a reset).
 */
export const QueueSnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  full: z.boolean(),
  totals: QueueTotalsSchema,
  changed: z.array(JobViewSchema),
  removed: z.array(z.string()),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

export const SkippedEntrySchema = z.object({ path: z.string(), reason: z.string() });
export type SkippedEntry = z.infer<typeof SkippedEntrySchema>;

/**
 * A dropped file that is already in the destination, or already in the queue for it: found by content (size,
 * mtime and the sampled fingerprint), so a moved or renamed file counts too.
 */
export const EarlierCopySchema = z.object({
  path: z.string(),
  /** 'uploaded' (in VOD), or the state of the job that holds it in the queue. */
  state: z.enum(['uploaded', ...JOB_STATES]),
  /** The job in the queue (to resume or retry it), null for an upload. */
  jobId: z.string().nullable(),
  mediaId: z.string().nullable(),
  kind: MediaKindSchema,
  /** Where the earlier copy was read from (differs when the file was moved or renamed). */
  earlierPath: z.string(),
  /** Where it went, in words ("profile Prod, cn-shanghai"); null when not recorded. */
  destination: z.string().nullable(),
  finishedAt: z.number().nullable(),
});
export type EarlierCopy = z.infer<typeof EarlierCopySchema>;

export const AddSummarySchema = z.object({
  added: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  skipped: z.array(SkippedEntrySchema),
  /** Files not queued again, with the reason in words (earlier copies: see `earlier`). */
  duplicates: z.array(SkippedEntrySchema),
  jobIds: z.array(z.string()),
  earlier: z.array(EarlierCopySchema).default([]),
});
export type AddSummary = z.infer<typeof AddSummarySchema>;

/** An add that added nothing (yet): where a sum of several adds' summaries starts. */
export function emptyAddSummary(): AddSummary {
  return { added: 0, bytes: 0, skipped: [], duplicates: [], jobIds: [], earlier: [] };
}
