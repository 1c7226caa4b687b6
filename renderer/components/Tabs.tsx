import { useRef, type KeyboardEvent } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore, type Tab } from '../store/ui-store';

const TABS: readonly Tab[] = ['queue', 'history', 'watch', 'settings'];

/** APG tabs: one tab stop, arrows move between tabs. */
export function Tabs() {
  const t = useTranslate();
  const tab = useUiStore((s) => s.tab);
  const setTab = useUiStore((s) => s.setTab);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : null;
    if (next === null) return;
    const target = TABS[(next + TABS.length) % TABS.length] ?? 'queue';
    setTab(target);
    refs.current[target]?.focus();
    e.preventDefault();
  };
  return (
    <div role="tablist" aria-label={t('tabs.label')} className="tabs" onKeyDown={onKeyDown}>
      {TABS.map((name) => (
        <button
          key={name}
          ref={(el) => {
            refs.current[name] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${name}`}
          aria-selected={tab === name}
          aria-controls={`panel-${name}`}
          tabIndex={tab === name ? 0 : -1}
          className="tab"
          onClick={() => setTab(name)}
        >
          {t(`tab.${name}`)}
        </button>
      ))}
    </div>
  );
}
