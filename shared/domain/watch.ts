import { z } from 'zod';
import { BatchOptionsSchema } from './upload-defaults';

/**
 * Watch folders: a folder (recursive) whose new files are queued by themselves once complete, with the
 * folder's preset (profile and metadata, as a batch's options).
 */

/**
 * What a watched folder is doing: `watching` (events flow), `starting` (the first walk, which also catches
 * up on files added while nothing watched), `paused` (by the user: nothing is queued), `offline` (the folder
 * is gone or its volume unplugged; watching resumes by itself when it returns).
 */
export const WATCH_STATES = ['starting', 'watching', 'paused', 'offline'] as const;
export const WatchStateSchema = z.enum(WATCH_STATES);
export type WatchState = z.infer<typeof WatchStateSchema>;

/** A sub-folder (relative to the watched folder, '/'-separated) mapped to a VOD category and extra tags. */
export const FolderRuleSchema = z.object({
  subfolder: z.string().min(1).max(1024),
  cateId: z.number().int().positive().optional(),
  tags: z.array(z.string().min(1).max(32)).max(16).default([]),
});
export type FolderRule = z.infer<typeof FolderRuleSchema>;

/**
 * What happens to a file once it is uploaded: left where it is (default), moved to `Uploaded/` inside the
 * watched folder (same relative path), or deleted once VOD reports the media Normal.
 */
export const AFTER_UPLOAD_ACTIONS = ['leave', 'move', 'delete'] as const;
export const AfterUploadSchema = z.enum(AFTER_UPLOAD_ACTIONS);
export type AfterUpload = z.infer<typeof AfterUploadSchema>;

/** A watched folder as configured (stored in the queue database). */
export const WatchFolderConfigSchema = z.object({
  id: z.string().min(1),
  path: z.string().min(1).max(4096),
  /** A preset by name (presets shared by the app and the CLI), applied when a file is queued. */
  preset: z.string().trim().min(1).max(64).nullable().default(null),
  /** Profile and metadata for every file queued from this folder, over the preset's. */
  options: BatchOptionsSchema.default({}),
  paused: z.boolean().default(false),
  rules: z.array(FolderRuleSchema).max(200).default([]),
  afterUpload: AfterUploadSchema.default('leave'),
  addedAt: z.number(),
});
export type WatchFolderConfig = z.infer<typeof WatchFolderConfigSchema>;

/** A watched folder with what it is doing now, as the panel and `watch --list` show it. */
export const WatchFolderViewSchema = WatchFolderConfigSchema.extend({
  state: WatchStateSchema,
  /** Files seen that are still being written (not yet stable). */
  pending: z.number().int().nonnegative(),
  /** Files this folder queued since it was added (kept across restarts). */
  queued: z.number().int().nonnegative(),
  /** Complete files not queued again because they are already in VOD or in the queue. */
  alreadyKnown: z.number().int().nonnegative(),
  /** When a file last was seen or queued, or the state last changed (ms since epoch); null before any. */
  lastActivityAt: z.number().nullable(),
  /** Why the folder is offline, or the last error watching it. */
  lastError: z.string().nullable(),
});
export type WatchFolderView = z.infer<typeof WatchFolderViewSchema>;

const DELETE_NEEDS_CONFIRM = {
  message: 'Deleting files after upload must be confirmed (confirmDelete: true).',
  path: ['confirmDelete'],
};

/** Watching a folder: its path, preset and rules. Deleting after upload must be confirmed explicitly. */
export const WatchFolderInputSchema = z
  .object({
    path: z.string().min(1).max(4096),
    preset: z.string().trim().min(1).max(64).nullable().default(null),
    options: BatchOptionsSchema.default({}),
    paused: z.boolean().default(false),
    rules: z.array(FolderRuleSchema).max(200).default([]),
    afterUpload: AfterUploadSchema.default('leave'),
    confirmDelete: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.afterUpload !== 'delete' || v.confirmDelete, DELETE_NEEDS_CONFIRM);
export type WatchFolderInput = z.input<typeof WatchFolderInputSchema>;

/** Changing a watched folder (pause, resume, preset, rules, after-upload action). */
export const WatchFolderUpdateSchema = z
  .object({
    id: z.string().min(1),
    paused: z.boolean().optional(),
    preset: z.string().trim().min(1).max(64).nullable().optional(),
    options: BatchOptionsSchema.optional(),
    rules: z.array(FolderRuleSchema).max(200).optional(),
    afterUpload: AfterUploadSchema.optional(),
    confirmDelete: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.afterUpload !== 'delete' || v.confirmDelete, DELETE_NEEDS_CONFIRM);
