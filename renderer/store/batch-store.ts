import { create } from 'zustand';
import { z } from 'zod';
import type { Preset } from '../../shared/domain/preset';
import { BatchOptionsSchema, METADATA_FIELDS, type BatchOptions } from '../../shared/domain/upload-defaults';
import {
  emptyMetadataDraft,
  metadataDraftFrom,
  metadataFromDraft,
  type MetadataDraft,
  type MetadataResult,
} from '../lib/metadata-draft';

const STORAGE_KEY = 'vod-uploader.batch';
const DraftSchema = z.object(
  Object.fromEntries(METADATA_FIELDS.map((f) => [f, z.string().max(8192).catch('')])) as Record<
    keyof MetadataDraft,
    z.ZodCatch<z.ZodString>
  >,
);
const StoredSchema = z.object({
  profileId: z.string().min(1).optional(),
  draft: DraftSchema.optional(),
  /** Presets as earlier versions kept them here; moved to main's database once (takeLegacyPresets). */
  presets: z
    .array(z.object({ name: z.string().min(1).max(64), options: BatchOptionsSchema }))
    .max(100)
    .optional(),
});

interface BatchStore {
  /** The batch's profile; undefined: the default profile. */
  readonly profileId: string | undefined;
  /** The batch's metadata as typed; an empty field keeps the profile's value. */
  readonly draft: MetadataDraft;
  /** The presets in the queue database (shared with the CLI), as last listed. */
  readonly presets: readonly Preset[];
  setProfile(profileId: string | undefined): void;
  editDraft(patch: Partial<MetadataDraft>): void;
  setPresets(presets: readonly Preset[]): void;
  applyPreset(preset: Preset): void;
}

/** The batch's options for `queue:add` or `presets:save`, or the field that is wrong. */
export function batchOptions(
  state: Pick<BatchStore, 'profileId' | 'draft'>,
): { ok: true; options: BatchOptions } | Extract<MetadataResult, { ok: false }> {
  const metadata = metadataFromDraft(state.draft);
  if (!metadata.ok) return metadata;
  const options: Record<string, unknown> = {};
  if (state.profileId !== undefined) options['profileId'] = state.profileId;
  for (const [key, value] of Object.entries(metadata.value)) if (value !== undefined) options[key] = value;
  return { ok: true, options: options as BatchOptions };
}

/**
 * The batch being prepared. The draft is kept as typed (validated when used: a half-typed JSON is not an
 * error yet) in the renderer's storage, validated on load: storage is input like any other. Presets are
 * main's (presets:*), so the CLI's `--preset` sees the same ones.
 */
export const useBatchStore = create<BatchStore>((set, get) => {
  const persist = () => {
    const { profileId, draft } = get();
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ profileId, draft }));
    } catch {
      // Storage full or disabled: the batch just will not survive a restart.
    }
  };
  const stored = load();
  return {
    profileId: stored?.profileId,
    draft: stored?.draft ?? emptyMetadataDraft(),
    presets: [],
    setProfile: (profileId) => {
      set({ profileId });
      persist();
    },
    editDraft: (patch) => {
      set((state) => ({ draft: { ...state.draft, ...patch } }));
      persist();
    },
    setPresets: (presets) => set({ presets }),
    applyPreset: (preset) => {
      set({ profileId: preset.options.profileId, draft: metadataDraftFrom(preset.options) });
      persist();
    },
  };
});

/** Presets an earlier version kept in this storage, removed from it: the caller saves them in main. */
export function takeLegacyPresets(): { name: string; options: BatchOptions }[] {
  const stored = load();
  if (!stored?.presets?.length) return [];
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ profileId: stored.profileId, draft: stored.draft }));
  } catch {
    return [];
  }
  return stored.presets;
}

function load(): z.infer<typeof StoredSchema> | null {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? StoredSchema.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // Corrupt storage: start clean rather than fail to start.
  }
  return null;
}
