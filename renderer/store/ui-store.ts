import { create } from 'zustand';
import type { AddSummary } from '../../shared/domain/queue';
import type { JobState } from '../../shared/domain/job-status';

export type Tab = 'queue' | 'history' | 'watch' | 'settings';
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
  /** A short visible confirmation ("Copied"), gone after a moment; `nonce` restarts its timer. */
  readonly toast: { text: string; nonce: number } | null;
  /** Jobs the person asked to cancel or remove, waiting for the confirmation dialog's answer. */
  readonly confirmStop: { ids: readonly string[]; action: 'cancel' | 'remove' } | null;
  /** "Add links…" open: pasted links (no lists), or the .txt/.csv lists dropped on the window. */
  readonly links: { readonly lists: readonly string[] } | null;
  /** Rows showing their whole error text. */
  readonly expanded: ReadonlySet<string>;
  readonly collapsedGroups: ReadonlySet<string>;
  setTab(tab: Tab): void;
  setLastAdd(summary: AddSummary | null, error?: string | null): void;
  setFilter(filter: StatusFilter): void;
  setSearch(search: string): void;
  setSelected(ids: ReadonlySet<string>): void;
  setFocused(id: string | null): void;
  announce(text: string): void;
  showToast(text: string | null): void;
  askStop(request: { ids: readonly string[]; action: 'cancel' | 'remove' } | null): void;
  openLinks(request: { readonly lists: readonly string[] } | null): void;
  toggleExpanded(id: string): void;
  toggleGroup(key: string): void;
}

function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
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
  toast: null,
  confirmStop: null,
  links: null,
  expanded: new Set(),
  collapsedGroups: new Set(),
  setTab: (tab) => set({ tab }),
  setLastAdd: (lastAdd, addError = null) => set({ lastAdd, addError }),
  setFilter: (filter) => set({ filter, selected: new Set() }),
  setSearch: (search) => set({ search }),
  setSelected: (selected) => set({ selected }),
  setFocused: (focusedId) => set({ focusedId }),
  announce: (text) => set((state) => ({ announcement: { text, nonce: state.announcement.nonce + 1 } })),
  showToast: (text) =>
    set((state) => ({ toast: text === null ? null : { text, nonce: (state.toast?.nonce ?? 0) + 1 } })),
  askStop: (confirmStop) => set({ confirmStop }),
  openLinks: (links) => set({ links }),
  toggleExpanded: (id) => set((state) => ({ expanded: toggled(state.expanded, id) })),
  toggleGroup: (key) => set((state) => ({ collapsedGroups: toggled(state.collapsedGroups, key) })),
}));
