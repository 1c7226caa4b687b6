import { create } from 'zustand';
import type { AddSummary } from '../../shared/domain/queue';
import type { JobState } from '../../shared/domain/job-status';

export type Tab = 'queue' | 'history' | 'settings';
export type StatusFilter = 'all' | JobState;

interface UiStore {
  readonly tab: Tab;
  readonly lastAdd: AddSummary | null;
  readonly addError: string | null;
  readonly filter: StatusFilter;
  readonly search: string;
  /** Selection and focus are kept by job id, not DOM node, so virtual row recycling cannot lose them. */
  readonly selected: ReadonlySet<string>;
  readonly focusedId: string | null;
  /** The one polite announcement; `nonce` makes a repeated text announce again. */
  readonly announcement: { text: string; nonce: number };
  setTab(tab: Tab): void;
  setLastAdd(summary: AddSummary | null, error?: string | null): void;
  setFilter(filter: StatusFilter): void;
  setSearch(search: string): void;
  setSelected(ids: ReadonlySet<string>): void;
  setFocused(id: string | null): void;
  announce(text: string): void;
}

export const useUiStore = create<UiStore>((set) => ({
  tab: 'queue',
  lastAdd: null,
  addError: null,
  filter: 'all',
  search: '',
  selected: new Set(),
  focusedId: null,
  announcement: { text: '', nonce: 0 },
  setTab: (tab) => set({ tab }),
  setLastAdd: (lastAdd, addError = null) => set({ lastAdd, addError }),
  setFilter: (filter) => set({ filter, selected: new Set() }),
  setSearch: (search) => set({ search }),
  setSelected: (selected) => set({ selected }),
  setFocused: (focusedId) => set({ focusedId }),
  announce: (text) => set((state) => ({ announcement: { text, nonce: state.announcement.nonce + 1 } })),
}));
