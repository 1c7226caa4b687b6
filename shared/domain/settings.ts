import { z } from 'zod';

const MiB = 1024 * 1024;

export const SettingsSchema = z.object({
  /** Caps: the engine finds how many files and connections fill the path, up to these (and 128). */
  filesAtOnce: z.number().int().min(1).max(128),
  partsInFlight: z.number().int().min(1).max(128),
  /** Total upload rate in bytes per second; 0 means no limit. */
  bandwidthLimit: z.number().int().min(0),
  /** Preferred part size in bytes; raised per file to fit 10,000 parts. */
  partSize: z
    .number()
    .int()
    .min(100 * 1024)
    .max(5 * 1024 * MiB),
  preventSleep: z.boolean(),
  notifications: z.boolean(),
  autoResume: z.boolean(),
  language: z.enum(['system', 'en', 'zh-CN']),
  theme: z.enum(['system', 'light', 'dark']),
  defaultProfileId: z.string().optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * Defaults chosen from `npm run bench` (docs/performance.md): 8 MiB parts; files at once and parts in flight
 * are only caps, at the hard cap, since adaptive concurrency (engine/adaptive-concurrency.ts) finds the
 * number of connections that fills the path (8 on a regional link, far more where one stream gets little).
 * Memory stays bounded either way: a part is streamed, two 512 KiB chunks per connection.
 */
export const DEFAULT_SETTINGS: Settings = {
  filesAtOnce: 128,
  partsInFlight: 128,
  bandwidthLimit: 0,
  partSize: 8 * MiB,
  preventSleep: true,
  notifications: true,
  autoResume: true,
  language: 'system',
  theme: 'system',
};

export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
