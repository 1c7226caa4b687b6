import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useApi } from '../api/api-context';
import { useQueueActions } from '../hooks/use-queue-actions';
import { useTranslate } from '../i18n/use-translate';
import { copyText } from '../lib/clipboard';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';
import { buildItems, EMPTY_SUMMARY, wholeQueueItems } from '../lib/queue-groups';
import { filterQueue } from '../lib/queue-filter';
import { GROUP_ROW_HEIGHT, QueueGroupRow } from './QueueGroupRow';
import { EXPANDED_ROW_HEIGHT, QueueRow, ROW_HEIGHT, rowDomId } from './QueueRow';

const PAGE = 10;

/**
 * The virtualized queue: role=grid with aria-rowcount = all rows (not just the rendered ones) and
 * aria-rowindex per rendered row. DOM focus stays on the grid; the active row is named through
 * aria-activedescendant and tracked by job id, so row recycling cannot drop it.
 */
/** Header cells in row order: CSS modifier and dictionary key. */
const COLUMNS = [
  ['name', 'col.name'],
  ['kind', 'col.kind'],
  ['size', 'col.size'],
  ['progress', 'col.progress'],
  ['speed', 'col.speed'],
  ['status', 'col.status'],
  ['actions', 'col.actions'],
] as const;

export function QueueGrid() {
  const api = useApi();
  const t = useTranslate();
  const actions = useQueueActions();
  const order = useQueueStore((s) => s.order);
  const byId = useQueueStore((s) => s.byId);
  const changed = useQueueStore((s) => s.changed);
  const loaded = useQueueStore((s) => s.loaded);
  const complete = useQueueStore((s) => s.complete);
  const filter = useUiStore((s) => s.filter);
  const search = useUiStore((s) => s.search);
  const selected = useUiStore((s) => s.selected);
  const focusedId = useUiStore((s) => s.focusedId);
  const expanded = useUiStore((s) => s.expanded);
  const collapsedGroups = useUiStore((s) => s.collapsedGroups);
  const anchor = useRef<string | null>(null);

  // The toolbar shows what is typed at once; the grid follows when it can (a filter of 100,000 rows is not on
  // the input's path: React renders the deferred values after the keystroke is painted, issue 19).
  const deferredFilter = useDeferredValue(filter);
  const deferredSearch = useDeferredValue(search);
  const visible = useMemo(
    () => filterQueue(order, byId, deferredFilter, deferredSearch),
    [order, byId, deferredFilter, deferredSearch],
  );

  // Group headers between the rows; the keyboard moves over the rows of open groups only. The unfiltered
  // build is kept apart, so clearing a search or a filter shows the whole queue again without rebuilding it,
  // and a snapshot that only changed some rows corrects their groups' totals and keeps the items.
  const [buildWhole] = useState(wholeQueueItems);
  const { items, navigable, summaries } = useMemo(
    () =>
      visible === order
        ? buildWhole(order, byId, collapsedGroups, changed)
        : buildItems(visible, byId, collapsedGroups),
    [visible, order, byId, collapsedGroups, buildWhole, changed],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable callbacks: the virtualizer recomputes every row's offset (O(rows)) whenever getItemKey changes, so
  // a new closure per render made each scroll frame walk all 100,000 rows (docs/performance.md).
  const estimateSize = useCallback(
    (index: number) => {
      const item = items[index];
      if (item?.type === 'group') return GROUP_ROW_HEIGHT;
      return item && expanded.has(item.id) ? EXPANDED_ROW_HEIGHT : ROW_HEIGHT;
    },
    [items, expanded],
  );
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item ? (item.type === 'job' ? item.id : `group:${item.key}`) : index;
    },
    [items],
  );
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize,
    // Rows drawn beyond the viewport: each fling frame mounts a whole new window of rows, so fewer here is less
    // DOM work per frame (8 → 4: 19 % less renderer CPU scrolling 100,000 rows, docs/performance.md).
    overscan: 4,
    getItemKey,
  });
  // New items come with a new getItemKey, which already makes the virtualizer lay the rows out again; only an
  // expanded row (a size change under the same keys) needs measure(), which costs a second pass and render.
  useEffect(() => virtualizer.measure(), [expanded, virtualizer]);

  const focusIndex = focusedId ? navigable.indexOf(focusedId) : -1;
  const activeId = focusIndex >= 0 ? focusedId : null;
  const focusItemIndex = useMemo(
    () => (activeId ? items.findIndex((item) => item.type === 'job' && item.id === activeId) : -1),
    [items, activeId],
  );

  useEffect(() => {
    if (focusItemIndex >= 0) virtualizer.scrollToIndex(focusItemIndex, { align: 'auto' });
  }, [focusItemIndex, virtualizer]);

  const moveTo = useCallback(
    (index: number, extend: boolean) => {
      const id = navigable[Math.max(0, Math.min(navigable.length - 1, index))];
      if (!id) return;
      const ui = useUiStore.getState();
      ui.setFocused(id);
      if (extend && anchor.current) {
        const a = navigable.indexOf(anchor.current);
        const b = navigable.indexOf(id);
        ui.setSelected(new Set(navigable.slice(Math.min(a, b), Math.max(a, b) + 1)));
      } else {
        anchor.current = id;
        ui.setSelected(new Set([id]));
      }
    },
    [navigable],
  );

  const targets = useCallback((): string[] => {
    const ui = useUiStore.getState();
    if (ui.selected.size) return [...ui.selected];
    return ui.focusedId ? [ui.focusedId] : [];
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = e.ctrlKey || e.metaKey;
    const at = focusIndex;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(at < 0 ? 0 : at + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        moveTo(at < 0 ? 0 : at - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveTo(at + PAGE, e.shiftKey);
        break;
      case 'PageUp':
        moveTo(at - PAGE, e.shiftKey);
        break;
      case 'Home':
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        moveTo(navigable.length - 1, e.shiftKey);
        break;
      case ' ':
        actions.toggle(targets());
        break;
      case 'p':
      case 'P':
        if (ctrl) handled = false;
        else actions.toggle(targets());
        break;
      case 'r':
      case 'R':
        if (ctrl) handled = false;
        else actions.retry(targets());
        break;
      case 'Delete':
      case 'Backspace':
        actions.remove(targets());
        break;
      case 'Escape':
        useUiStore.getState().setSelected(new Set());
        break;
      case 'a':
      case 'A':
        if (ctrl) useUiStore.getState().setSelected(new Set(navigable));
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const onRowClick = useCallback(
    (id: string, e: MouseEvent) => {
      const ui = useUiStore.getState();
      ui.setFocused(id);
      if (e.ctrlKey || e.metaKey) {
        const next = new Set(ui.selected);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        ui.setSelected(next);
        anchor.current = id;
      } else if (e.shiftKey && anchor.current) {
        const a = navigable.indexOf(anchor.current);
        const b = navigable.indexOf(id);
        ui.setSelected(new Set(navigable.slice(Math.min(a, b), Math.max(a, b) + 1)));
      } else {
        anchor.current = id;
        ui.setSelected(new Set([id]));
      }
    },
    [navigable],
  );

  const onCopy = useCallback(
    (text: string) => {
      void copyText(text).then((copied) => {
        const ui = useUiStore.getState();
        ui.announce(copied ? `${t('action.copied')}: ${text}` : t('action.copyFailed'));
        ui.showToast(copied ? t('action.copied') : t('action.copyFailed'));
      });
    },
    [t],
  );
  const onShow = useCallback((path: string) => void api.call('shell:show-in-folder', { path }), [api]);
  const onToggleError = useCallback((id: string) => useUiStore.getState().toggleExpanded(id), []);
  const onToggleGroup = useCallback((key: string) => useUiStore.getState().toggleGroup(key), []);

  return (
    <div className="qgrid-wrap">
      <p id="queue-keyboard-help" className="visually-hidden">
        {t('queue.keyboardHelp')}
      </p>
      {visible.length === 0 && loaded && complete ? (
        <p className="qgrid__empty muted">{order.length === 0 ? t('queue.empty') : t('queue.noMatch')}</p>
      ) : null}
      <div
        role="grid"
        className="qgrid"
        aria-label={t('queue.label')}
        aria-rowcount={items.length + 1}
        aria-colcount={COLUMNS.length}
        aria-multiselectable="true"
        aria-busy={!complete}
        aria-activedescendant={activeId ? rowDomId(activeId) : undefined}
        aria-describedby="queue-keyboard-help"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!activeId && navigable[0]) useUiStore.getState().setFocused(navigable[0]);
        }}
        data-testid="queue-grid"
      >
        <div role="rowgroup" className="qgrid__head">
          <div role="row" aria-rowindex={1} className="qrow qrow--head">
            {COLUMNS.map(([cell, key]) => (
              <div key={cell} role="columnheader" className={`qcell qcell--${cell}`}>
                {t(key)}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="qgrid__body" ref={scrollRef}>
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              if (item?.type === 'group') {
                return (
                  <QueueGroupRow
                    key={`group:${item.key}`}
                    group={item}
                    summary={summaries.get(item.key) ?? EMPTY_SUMMARY}
                    rowIndex={row.index + 2}
                    top={row.start}
                    t={t}
                    onToggle={onToggleGroup}
                  />
                );
              }
              const job = item ? byId.get(item.id) : undefined;
              if (!job) return null;
              return (
                <QueueRow
                  key={job.id}
                  job={job}
                  rowIndex={row.index + 2}
                  top={row.start}
                  selected={selected.has(job.id)}
                  focused={job.id === activeId}
                  expanded={expanded.has(job.id)}
                  t={t}
                  actions={actions}
                  onRowClick={onRowClick}
                  onCopy={onCopy}
                  onShow={onShow}
                  onToggleError={onToggleError}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
