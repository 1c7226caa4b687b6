import { z } from 'zod';
import { BatchOptionsSchema } from './upload-defaults';

export const PresetNameSchema = z.string().trim().min(1).max(64);

/**
 * A named set of batch options (an "ingest preset"): kept in the queue database, so the app and the CLI
 * (`--preset NAME`) share them.
 */
export const PresetSchema = z.object({
  name: PresetNameSchema,
  options: BatchOptionsSchema,
  updatedAt: z.number(),
});
export type Preset = z.infer<typeof PresetSchema>;

export const PresetInputSchema = z.object({ name: PresetNameSchema, options: BatchOptionsSchema }).strict();
export type PresetInput = z.infer<typeof PresetInputSchema>;

/**
 * The export file. Profiles are named, not referenced by id: ids mean nothing on another machine, and an
 * import finds the profile of that name (or leaves the preset on the default profile, and says so).
 */
export const PRESET_FILE_FORMAT = 'vod-uploader-presets';
export const PresetFileSchema = z.object({
  format: z.literal(PRESET_FILE_FORMAT),
  version: z.literal(1),
  presets: z
    .array(
      z.object({
        name: PresetNameSchema,
        profile: z.string().optional(),
        options: BatchOptionsSchema.omit({ profileId: true }),
      }),
    )
    .max(1000),
});
export type PresetFile = z.infer<typeof PresetFileSchema>;
