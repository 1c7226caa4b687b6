import { create } from 'zustand';
import { BatchOptionsSchema, type BatchOptions } from '../../shared/domain/upload-defaults';
import { z } from 'zod';

/** A named, reusable set of batch options (an "ingest preset"), chosen at drop time. */
export interface Preset {
  readonly name: string;
  readonly options: BatchOptions;
}

const STORAGE_KEY = 'vod-uploader.batch';
const StoredSchema = z.object({
  current: BatchOptionsSchema,
  presets: z.array(z.object({ name: z.string().min(1).max(64), options: BatchOptionsSchema })).max(100),
});

interface BatchStore {
  readonly current: BatchOptions;
  readonly presets: readonly Preset[];
  setCurrent(options: BatchOptions): void;
  savePreset(name: string): void;
  deletePreset(name: string): void;
  applyPreset(name: string): void;
}

/**
 * Presets are UI preferences, so they live in the renderer's own storage (validated on load: storage is
 * input like any other). They only ever become a `queue:add` options object, which main validates again.
 */
export const useBatchStore = create<BatchStore>((set, get) => {
  const persist = () => {
    const { current, presets } = get();
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ current, presets }));
    } catch {
      // Storage full or disabled: presets just will not survive a restart.
    }
  };
  return {
    ...load(),
    setCurrent: (current) => {
      set({ current });
      persist();
    },
    savePreset: (name) => {
      const trimmed = name.trim();
      if (!trimmed) return;
      set((state) => ({
        presets: [
          ...state.presets.filter((p) => p.name !== trimmed),
          { name: trimmed, options: state.current },
        ],
      }));
      persist();
    },
    deletePreset: (name) => {
      set((state) => ({ presets: state.presets.filter((p) => p.name !== name) }));
      persist();
    },
    applyPreset: (name) => {
      const preset = get().presets.find((p) => p.name === name);
      if (preset) set({ current: preset.options });
      persist();
    },
  };
});

function load(): { current: BatchOptions; presets: Preset[] } {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? StoredSchema.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // Corrupt storage: start clean rather than fail to start.
  }
  return { current: {}, presets: [] };
}
