import { useId } from 'react';
import { JOB_STATES } from '../../shared/domain/job-status';
import { useQueueActions } from '../hooks/use-queue-actions';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore, type StatusFilter } from '../store/ui-store';

/** Bulk actions, status filter and name search. */
export function QueueToolbar() {
  const t = useTranslate();
  const id = useId();
  const actions = useQueueActions();
  const filter = useUiStore((s) => s.filter);
  const search = useUiStore((s) => s.search);
  const setFilter = useUiStore((s) => s.setFilter);
  const setSearch = useUiStore((s) => s.setSearch);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('queue.label')}>
      <button type="button" className="button" onClick={() => actions.bulk('queue:pause-all')}>
        {t('queue.pauseAll')}
      </button>
      <button type="button" className="button" onClick={() => actions.bulk('queue:resume-all')}>
        {t('queue.resumeAll')}
      </button>
      <button type="button" className="button" onClick={() => actions.bulk('queue:retry-failed')}>
        {t('queue.retryFailed')}
      </button>
      <button type="button" className="button" onClick={() => actions.bulk('queue:clear-finished')}>
        {t('queue.clearFinished')}
      </button>
      <span className="toolbar__spacer" />
      <label htmlFor={`${id}-filter`} className="visually-hidden">
        {t('queue.filter')}
      </label>
      <select id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)}>
        <option value="all">{t('queue.filterAll')}</option>
        {JOB_STATES.map((state) => (
          <option key={state} value={state}>
            {state === 'retrying' ? t('status.retryingPlain') : t(`status.${state}`)}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label={t('queue.search')}
        placeholder={t('queue.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
    </div>
  );
}
