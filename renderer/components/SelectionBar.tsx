import { useQueueActions } from '../hooks/use-queue-actions';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore } from '../store/ui-store';

/** Actions on the selected rows, reachable by Tab for keyboard users (the grid itself takes shortcuts). */
export function SelectionBar() {
  const t = useTranslate();
  const actions = useQueueActions();
  const selected = useUiStore((s) => s.selected);
  if (selected.size === 0) return null;
  const ids = [...selected];
  return (
    <div className="toolbar toolbar--selection" role="toolbar" aria-label={t('queue.selection')}>
      <span className="muted">{t('queue.selected', { count: selected.size })}</span>
      <button type="button" className="button" aria-keyshortcuts="Space" onClick={() => actions.pause(ids)}>
        {t('action.pause')}
      </button>
      <button type="button" className="button" aria-keyshortcuts="Space" onClick={() => actions.resume(ids)}>
        {t('action.resume')}
      </button>
      <button type="button" className="button" aria-keyshortcuts="R" onClick={() => actions.retry(ids)}>
        {t('action.retry')}
      </button>
      <button type="button" className="button" onClick={() => actions.cancel(ids)}>
        {t('action.cancel')}
      </button>
      <button type="button" className="button" onClick={() => actions.moveToTop(ids)}>
        {t('action.moveToTop')}
      </button>
      <button type="button" className="button" aria-keyshortcuts="Delete" onClick={() => actions.remove(ids)}>
        {t('action.remove')}
      </button>
    </div>
  );
}
