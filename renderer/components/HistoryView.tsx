import { useCallback, useEffect, useState } from 'react';
import type { HistoryRow } from '../../shared/domain/history';
import { useApi } from '../api/api-context';
import { useLocale, useTranslate } from '../i18n/use-translate';
import { copyText } from '../lib/clipboard';
import { downloadText } from '../lib/download';
import { formatBytes } from '../lib/format';
import { toTsv } from '../lib/tsv';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

/** While a video may still be processing, refresh so the VOD status the main process polls shows up. */
const REFRESH_MS = 10_000;

/** Every finished upload with its media ID; search, copy, TSV copy of a selection, CSV/JSON export. */
export function HistoryView() {
  const api = useApi();
  const t = useTranslate();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly HistoryRow[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const doneCount = useQueueStore((s) => s.totals.counts['done'] ?? 0);

  const load = useCallback(async () => {
    const result = await api.call('history:list', { query, limit: 1000 });
    if (result.ok) {
      setRows(result.value.rows);
      setTotal(result.value.total);
    } else {
      useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
    }
  }, [api, query, t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, doneCount]);

  const exportAs = async (format: 'csv' | 'json') => {
    const ids = selected.size ? [...selected] : undefined;
    const result = await api.call('history:export', ids ? { format, query, ids } : { format, query });
    if (result.ok) downloadText(result.value.fileName, result.value.mimeType, result.value.content);
    else useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
  };

  const copy = async (text: string) => {
    if (await copyText(text)) useUiStore.getState().announce(t('action.copied'));
  };

  const copySelected = () => {
    const chosen = rows.filter((row) => selected.has(row.id));
    const header = [
      t('col.mediaId'),
      t('col.title'),
      t('col.file'),
      t('col.size'),
      t('col.kind'),
      t('col.profile'),
      t('col.finished'),
      t('col.vodStatus'),
    ];
    void copy(
      toTsv([
        header,
        ...chosen.map((row) => [
          row.mediaId,
          row.title,
          row.path,
          row.size,
          row.kind,
          row.profileName,
          new Date(row.finishedAt).toISOString(),
          row.vodStatus,
        ]),
      ]),
    );
  };

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <div className="history-view">
      <div className="toolbar" role="toolbar" aria-label={t('history.label')}>
        <input
          type="search"
          aria-label={t('history.search')}
          placeholder={t('history.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" disabled={selected.size === 0} onClick={copySelected}>
          {t('history.copyTsv')}
        </button>
        <button type="button" className="button" onClick={() => void exportAs('csv')}>
          {t('history.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => void exportAs('json')}>
          {t('history.exportJson')}
        </button>
        <button type="button" className="button" onClick={() => void load()}>
          {t('history.refresh')}
        </button>
        <span className="toolbar__spacer" />
        <span className="muted" data-testid="history-total">
          {t('history.total', { count: total })}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table" aria-label={t('history.label')}>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('history.selectAll')}
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
                <th scope="col">{t('col.mediaId')}</th>
                <th scope="col">{t('col.title')}</th>
                <th scope="col">{t('col.file')}</th>
                <th scope="col">{t('col.size')}</th>
                <th scope="col">{t('col.kind')}</th>
                <th scope="col">{t('col.profile')}</th>
                <th scope="col">{t('col.finished')}</th>
                <th scope="col">{t('col.vodStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-media-id={row.mediaId}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('col.select')}: ${row.name}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                  <td>
                    <code className="media-id">{row.mediaId}</code>{' '}
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('action.rowFor', { action: t('action.copyId'), name: row.name })}
                      title={t('action.copyId')}
                      onClick={() => void copy(row.mediaId)}
                    >
                      <span aria-hidden="true">❐</span>
                    </button>
                  </td>
                  <td>{row.title}</td>
                  <td title={row.path}>{row.name}</td>
                  <td>{formatBytes(row.size)}</td>
                  <td>{t(`kind.${row.kind}`)}</td>
                  <td>{row.profileName ?? ''}</td>
                  <td>{dateFormat.format(row.finishedAt)}</td>
                  <td>{row.vodStatus ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
