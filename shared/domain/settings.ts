import { z } from 'zod';

const MiB = 1024 * 1024;

export const SettingsSchema = z.object({
  filesAtOnce: z.number().int().min(1).max(16),
  partsInFlight: z.number().int().min(1).max(64),
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
 * Defaults chosen from `npm run bench` (docs/performance.md): 8 MiB parts and 8 in flight reach the link on
 * a 40 ms WAN with bounded memory (64 MiB of part buffers); 8 files at once keep small files (one PUT each)
 * from leaving the link idle, while the part limiter still serves files in queue order.
 */
export const DEFAULT_SETTINGS: Settings = {
  filesAtOnce: 8,
  partsInFlight: 8,
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
