import { create } from 'zustand';
import type { ProfileSummary } from '../../shared/domain/profile';
import type { Settings } from '../../shared/domain/settings';

interface SettingsStore {
  /** null until the first settings:get answers. */
  readonly settings: Settings | null;
  readonly profiles: readonly ProfileSummary[];
  setSettings(settings: Settings): void;
  setProfiles(profiles: readonly ProfileSummary[]): void;
}

/** Mirror of the main process's settings and profile summaries (never secrets: the contract has none). */
export const useSettingsStore = create<SettingsStore>((set) => ({
  settings: null,
  profiles: [],
  setSettings: (settings) => set({ settings }),
  setProfiles: (profiles) => set({ profiles }),
}));
