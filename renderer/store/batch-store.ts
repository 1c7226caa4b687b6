import { create } from 'zustand';
import { z } from 'zod';
import { BatchOptionsSchema, METADATA_FIELDS, type BatchOptions } from '../../shared/domain/upload-defaults';
import {
  emptyMetadataDraft,
  metadataDraftFrom,
  metadataFromDraft,
  type MetadataDraft,
  type MetadataResult,
} from '../lib/metadata-draft';

/** A named, reusable set of batch options (an "ingest preset"), chosen at drop time. */
export interface Preset {
  readonly name: string;
  readonly options: BatchOptions;
}

const STORAGE_KEY = 'vod-uploader.batch';
const DraftSchema = z.object(
  Object.fromEntries(METADATA_FIELDS.map((f) => [f, z.string().max(8192).catch('')])) as Record<
    keyof MetadataDraft,
    z.ZodCatch<z.ZodString>
  >,
);
const StoredSchema = z.object({
  profileId: z.string().min(1).optional(),
  draft: DraftSchema,
  presets: z.array(z.object({ name: z.string().min(1).max(64), options: BatchOptionsSchema })).max(100),
});

interface BatchStore {
  /** The batch's profile; undefined: the default profile. */
  readonly profileId: string | undefined;
  /** The batch's metadata as typed; an empty field keeps the profile's value. */
  readonly draft: MetadataDraft;
  readonly presets: readonly Preset[];
  setProfile(profileId: string | undefined): void;
  editDraft(patch: Partial<MetadataDraft>): void;
  savePreset(name: string): MetadataResult;
  deletePreset(name: string): void;
  applyPreset(name: string): void;
}

/** The batch's options for `queue:add`, or the field that is wrong. */
export function batchOptions(
  state: Pick<BatchStore, 'profileId' | 'draft'>,
): { ok: true; options: BatchOptions } | Extract<MetadataResult, { ok: false }> {
  const metadata = metadataFromDraft(state.draft);
  if (!metadata.ok) return metadata;
  const options: Record<string, unknown> = { profileId: state.profileId };
  for (const [key, value] of Object.entries(metadata.value)) if (value !== undefined) options[key] = value;
  if (options['profileId'] === undefined) delete options['profileId'];
  return { ok: true, options: options as BatchOptions };
}

/**
 * The batch being prepared. The draft is kept as typed (validated when used: a half-typed JSON is not an
 * error yet) in the renderer's storage, validated on load: storage is input like any other.
 */
export const useBatchStore = create<BatchStore>((set, get) => {
  const persist = () => {
    const { profileId, draft, presets } = get();
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ profileId, draft, presets }));
    } catch {
      // Storage full or disabled: the batch just will not survive a restart.
    }
  };
  return {
    ...load(),
    setProfile: (profileId) => {
      set({ profileId });
      persist();
    },
    editDraft: (patch) => {
      set((state) => ({ draft: { ...state.draft, ...patch } }));
      persist();
    },
    savePreset: (name) => {
      const trimmed = name.trim();
      const built = batchOptions(get());
      if (!built.ok) return built;
      if (trimmed) {
        set((state) => ({
          presets: [
            ...state.presets.filter((p) => p.name !== trimmed),
            { name: trimmed, options: built.options },
          ],
        }));
        persist();
      }
      return { ok: true, value: built.options };
    },
    deletePreset: (name) => {
      set((state) => ({ presets: state.presets.filter((p) => p.name !== name) }));
      persist();
    },
    applyPreset: (name) => {
      const preset = get().presets.find((p) => p.name === name);
      if (preset) set({ profileId: preset.options.profileId, draft: metadataDraftFrom(preset.options) });
      persist();
    },
  };
});

function load(): { profileId: string | undefined; draft: MetadataDraft; presets: Preset[] } {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? StoredSchema.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) return { ...parsed.data, profileId: parsed.data.profileId };
  } catch {
    // Corrupt storage: start clean rather than fail to start.
  }
  return { profileId: undefined, draft: emptyMetadataDraft(), presets: [] };
}
