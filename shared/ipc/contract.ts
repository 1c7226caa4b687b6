import { z } from 'zod';
import { CleanupFixResultSchema, CleanupReportSchema, PendingCleanupSchema } from '../domain/cleanup';
import { HistoryRowSchema } from '../domain/history';
import { PresetInputSchema, PresetNameSchema, PresetSchema } from '../domain/preset';
import { ConnectionVerdictSchema, ProfileInputSchema, ProfileSummarySchema } from '../domain/profile';
import { AddSummarySchema, JobViewSchema, QueueSnapshotSchema, QueueTotalsSchema } from '../domain/queue';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';
import {
  TeamHistoryRowSchema,
  TeamQueueConfigSchema,
  TeamQueueInputSchema,
  TeamQueueVerdictSchema,
} from '../domain/team';
import { BatchOptionsSchema } from '../domain/upload-defaults';
import { UrlLineSchema, UrlModeSchema } from '../domain/url-links';
import { WatchFolderInputSchema, WatchFolderUpdateSchema, WatchFolderViewSchema } from '../domain/watch';

/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every invoke channel pairs a request schema with a response schema; every event channel (main → renderer)
 * has a payload schema. The preload, the main-side gateway, the browser host and the renderer client are all
 * derived from these two maps, so a channel exists exactly when it is listed here.
 */

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });
const JobIds = z.object({ ids: z.array(z.string().min(1)).min(1).max(100_000) }).strict();
const Path = z.string().min(1).max(4096);
/** null: the default profile (the CLI: its --profile, else the default, else the environment's key). */
const ProfileChoice = z.object({ profileId: z.string().min(1).nullable().default(null) });
const Pending = z.object({ pending: z.array(PendingCleanupSchema) });
const UrlSources = z.object({
  urls: z.array(z.string().min(1).max(8192)).max(10_000).default([]),
  lists: z.array(Path).max(100).default([]),
  urlMode: UrlModeSchema.optional(),
});

export const invokeChannels = {
  'queue:add': {
    request: z
      .object({
        paths: z.array(Path).min(1).max(10_000),
        options: BatchOptionsSchema.default({}),
        /** Queue files even when already uploaded to this destination ("Upload again", `--force`). */
        force: z.boolean().default(false),
      })
      .strict(),
    response: AddSummarySchema,
  },
  /**
   * Links instead of files (upload from URLs): given, and/or read by main from dropped .txt/.csv lists
   * (`lists`: their paths). `urlMode` for the whole batch, per link when absent.
   */
  'queue:add-urls': {
    request: UrlSources.extend({ options: BatchOptionsSchema.default({}) })
      .strict()
      .refine((r) => r.urls.length + r.lists.length > 0, 'Give links or lists of links'),
    response: AddSummarySchema,
  },
  /** What queue:add-urls would do with each link, one verdict per link, queuing nothing ("Add links…"). */
  'queue:check-urls': {
    request: UrlSources.strict().refine(
      (r) => r.urls.length + r.lists.length > 0,
      'Give links or lists of links',
    ),
    response: z.object({ lines: z.array(UrlLineSchema).max(10_000) }),
  },
  /**
   * The queue in queue order with its totals: every job, or with `limit` a page of it, after the job in
   * `after` (its position and id: the last row of the page before). The window asks for a first page and then
   * the rest a page at a time (QUEUE_PAGE in shared/domain/queue.ts), so a queue of 100,000 shows at once.
   */
  'queue:list': {
    request: z
      .object({
        after: z
          .object({ position: z.number(), id: z.string().min(1) })
          .strict()
          .optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    response: z.object({
      jobs: z.array(JobViewSchema),
      totals: QueueTotalsSchema,
      /** More jobs follow the last one (always false without `limit`). */
      more: z.boolean(),
    }),
  },
  'queue:pause': { request: JobIds, response: Ok },
  'queue:resume': { request: JobIds, response: Ok },
  'queue:cancel': {
    request: JobIds.extend({ deleteRemote: z.boolean().default(true) }).strict(),
    response: Ok,
  },
  'queue:retry': { request: JobIds, response: Ok },
  'queue:remove': { request: JobIds, response: Ok },
  /** Removes the jobs and queues their files anew with the options they were queued with (forced). */
  'queue:upload-again': { request: JobIds, response: AddSummarySchema },
  'queue:reorder': {
    request: JobIds.extend({ position: z.enum(['top', 'bottom']) }).strict(),
    response: Ok,
  },
  'queue:pause-all': { request: Empty, response: Ok },
  'queue:resume-all': { request: Empty, response: Ok },
  'queue:retry-failed': { request: Empty, response: Ok },
  'queue:clear-finished': { request: Empty, response: Ok },

  'history:list': {
    request: z
      .object({
        query: z.string().max(512).default(''),
        limit: z.number().int().min(1).max(10_000).default(500),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.object({ rows: z.array(HistoryRowSchema), total: z.number().int().nonnegative() }),
  },
  'history:export': {
    request: z
      .object({
        format: z.enum(['csv', 'json']),
        query: z.string().max(512).default(''),
        ids: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    response: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },

  'profiles:list': { request: Empty, response: z.array(ProfileSummarySchema) },
  'profiles:save': { request: ProfileInputSchema, response: ProfileSummarySchema },
  'profiles:delete': { request: z.object({ id: z.string().min(1) }).strict(), response: Ok },
  'profiles:test': {
    request: z.union([
      z.object({ id: z.string().min(1) }).strict(),
      z.object({ profile: ProfileInputSchema }).strict(),
    ]),
    response: ConnectionVerdictSchema,
  },

  'presets:list': { request: Empty, response: z.array(PresetSchema) },
  'presets:save': { request: PresetInputSchema, response: PresetSchema },
  'presets:delete': { request: z.object({ name: PresetNameSchema }).strict(), response: Ok },
  'presets:export': {
    request: Empty,
    response: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
  'presets:import': {
    request: z.object({ content: z.string().max(4_000_000) }).strict(),
    response: z.object({ imported: z.array(z.string()), withoutProfile: z.array(z.string()) }),
  },

  /** Watch folders: new files in them are queued by themselves once complete (docs/watch-folders.md). */
  'watch:list': { request: Empty, response: z.array(WatchFolderViewSchema) },
  'watch:add': { request: WatchFolderInputSchema, response: WatchFolderViewSchema },
  'watch:update': { request: WatchFolderUpdateSchema, response: WatchFolderViewSchema },
  'watch:remove': { request: z.object({ id: z.string().min(1) }).strict(), response: Ok },

  /**
   * The clean-up check (docs/media-cleanup.md): media a profile left in "Uploading", multipart uploads left
   * open, deletes still owed. `cleanup:fix` removes what a fresh check finds (this uploader's orphans; media
   * of other origin only with includeOthers; only the IDs in `only` when given); `cleanup:retry` retries the
   * owed deletes now.
   */
  'cleanup:check': { request: ProfileChoice.strict(), response: CleanupReportSchema },
  'cleanup:fix': {
    request: ProfileChoice.extend({
      includeOthers: z.boolean().default(false),
      only: z.array(z.string().min(1).max(256)).max(10_000).optional(),
    }).strict(),
    response: CleanupFixResultSchema,
  },
  'cleanup:pending': { request: Empty, response: Pending },
  'cleanup:retry': { request: Empty, response: Pending },
  /** The team queue on PostgreSQL (docs/team.md): its connection (password kept as a secret) and history. */
  'team:get': { request: Empty, response: TeamQueueConfigSchema },
  'team:save': { request: TeamQueueInputSchema, response: TeamQueueConfigSchema },
  'team:clear': { request: Empty, response: Ok },
  /** The saved connection, or the form's unsaved one; `migrate` applies the schema steps this build knows. */
  'team:test': {
    request: z
      .object({ connection: TeamQueueInputSchema.optional(), migrate: z.boolean().default(false) })
      .strict(),
    response: TeamQueueVerdictSchema,
  },
  'team:history': {
    request: z
      .object({
        query: z.string().max(512).default(''),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.object({ rows: z.array(TeamHistoryRowSchema), total: z.number().int().nonnegative() }),
  },

  'settings:get': { request: Empty, response: SettingsSchema },
  'settings:set': { request: SettingsPatchSchema.strict(), response: SettingsSchema },

  'dialog:open-files': { request: Empty, response: z.object({ paths: z.array(z.string()) }) },
  'dialog:open-folder': { request: Empty, response: z.object({ paths: z.array(z.string()) }) },
  'shell:show-in-folder': { request: z.object({ path: Path }).strict(), response: Ok },

  /**
   * Sent once the renderer has subscribed to app:open-paths and app:command: answers with the paths main held
   * for it (given at launch, by a second launch, or dropped on the dock icon while it loaded); later ones, and
   * held menu commands, arrive as events from then on.
   */
  'app:pending-paths': { request: Empty, response: z.object({ paths: z.array(Path) }) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const eventChannels = {
  'queue:snapshot': QueueSnapshotSchema,
  /** Every watched folder, whenever one changes state or counts. */
  'watch:changed': z.object({ folders: z.array(WatchFolderViewSchema) }),
  /** Paths handed over by a second launch, or dropped on the dock icon. */
  'app:open-paths': z.object({ paths: z.array(Path) }),
  /** A menu command the renderer should carry out (e.g. "Add files…" from the menu bar). */
  'app:command': z.object({
    command: z.enum(['add-files', 'add-folder', 'add-links', 'pause-all', 'resume-all']),
  }),
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
/** What a caller passes (defaults still optional). */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
/** What a handler receives, after validation (defaults filled in). */
export type InvokeParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(invokeChannels, channel);
}

export function isEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && Object.hasOwn(eventChannels, channel);
}
