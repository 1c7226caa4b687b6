import { useCallback, useEffect, useState } from 'react';
import type { TeamHistoryRow } from '../../shared/domain/team';
import { useApi } from '../api/api-context';
import { useLocale, useTranslate } from '../i18n/use-translate';
import { formatBytes } from '../lib/format';
import { useUiStore } from '../store/ui-store';

const PAGE = 200;

/**
 * The team's shared history (read only), under this machine's history when a team queue is configured:
 * which worker on which machine uploaded each file, under which media ID.
 */
export function TeamHistory() {
  const api = useApi();
  const t = useTranslate();
  const locale = useLocale();
  const [configured, setConfigured] = useState(false);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly TeamHistoryRow[]>([]);
  const [total, setTotal] = useState(0);

  const load = useCallback(async () => {
    const config = await api.call('team:get', {});
    if (!config.ok || !config.value.configured) {
      setConfigured(false);
      return;
    }
    setConfigured(true);
    const result = await api.call('team:history', { query, limit: PAGE, offset: 0 });
    if (result.ok) {
      setRows(result.value.rows);
      setTotal(result.value.total);
    } else useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
  }, [api, query, t]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!configured) return null;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="team-history" aria-labelledby="team-history-heading" data-testid="team-history">
      <h2 id="team-history-heading">{t('team.history')}</h2>
      <p className="muted">{t('team.historyIntro')}</p>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('team.historySearch')}
          placeholder={t('team.historySearch')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" onClick={() => void load()}>
          {t('team.refresh')}
        </button>
        <span className="muted">{t('team.count', { shown: rows.length, total })}</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('team.historyEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table" aria-label={t('team.history')}>
            <thead>
              <tr>
                <th scope="col">{t('col.mediaId')}</th>
                <th scope="col">{t('col.title')}</th>
                <th scope="col">{t('col.file')}</th>
                <th scope="col">{t('col.size')}</th>
                <th scope="col">{t('team.col.worker')}</th>
                <th scope="col">{t('team.col.machine')}</th>
                <th scope="col">{t('col.finished')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.jobId} data-media-id={row.mediaId}>
                  <td>
                    <code className="media-id" translate="no">
                      {row.mediaId}
                    </code>
                  </td>
                  <td translate="no">{row.title}</td>
                  <td translate="no" title={row.path}>
                    {row.path}
                  </td>
                  <td>{formatBytes(row.size)}</td>
                  <td translate="no">{row.worker}</td>
                  <td translate="no">{row.machine}</td>
                  <td>{dateFormat.format(row.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
