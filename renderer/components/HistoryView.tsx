import { useCallback, useEffect, useState } from 'react';
import type { HistoryRow } from '../../shared/domain/history';
import { useApi } from '../api/api-context';
import { useLocale, useTranslate } from '../i18n/use-translate';
import { copyText } from '../lib/clipboard';
import { downloadText } from '../lib/download';
import { formatBytes, formatDuration } from '../lib/format';
import { kindOf, vodStatusText } from '../lib/labels';
import { toTsv } from '../lib/tsv';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

/** While a video may still be processing, refresh so the VOD status the main process polls shows up. */
const REFRESH_MS = 10_000;
/** Rows per page; the total says how many match, the pager walks through them all. */
export const HISTORY_PAGE = 500;

/** Every finished upload with its media ID; search, copy, TSV copy of a selection, CSV/JSON export. */
export function HistoryView() {
  const api = useApi();
  const t = useTranslate();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly HistoryRow[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [page, setPage] = useState(0);
  const doneCount = useQueueStore((s) => s.totals.counts['done'] ?? 0);

  const load = useCallback(async () => {
    const result = await api.call('history:list', {
      query,
      limit: HISTORY_PAGE,
      offset: page * HISTORY_PAGE,
    });
    if (result.ok) {
      setRows(result.value.rows);
      setTotal(result.value.total);
    } else {
      useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
    }
  }, [api, query, page, t]);

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
    const copied = await copyText(text);
    const ui = useUiStore.getState();
    ui.announce(copied ? t('action.copied') : t('action.copyFailed'));
    ui.showToast(copied ? t('action.copied') : t('action.copyFailed'));
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
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(0);
          }}
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
        {total > HISTORY_PAGE ? (
          <span className="inline-fields" role="group" aria-label={t('history.pages')}>
            <button type="button" className="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('history.previous')}
            </button>
            <span className="muted">
              {t('history.range', {
                from: page * HISTORY_PAGE + 1,
                to: Math.min(total, (page + 1) * HISTORY_PAGE),
                total,
              })}
            </span>
            <button
              type="button"
              className="button"
              disabled={(page + 1) * HISTORY_PAGE >= total}
              onClick={() => setPage(page + 1)}
            >
              {t('history.next')}
            </button>
          </span>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {query.trim() ? t('history.noMatch', { query: query.trim() }) : t('history.empty')}
        </p>
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
                <th scope="col">{t('col.tags')}</th>
                <th scope="col">{t('col.size')}</th>
                <th scope="col">{t('col.kind')}</th>
                <th scope="col">{t('col.profile')}</th>
                <th scope="col">{t('col.finished')}</th>
                <th scope="col">{t('col.vodStatus')}</th>
                <th scope="col">{t('col.duration')}</th>
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
                    <code className="media-id" translate="no">
                      {row.mediaId}
                    </code>{' '}
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
                  <td translate="no">{row.title}</td>
                  <td title={row.path} translate="no">
                    {row.relativeDir ? <span className="muted">{row.relativeDir}/</span> : null}
                    <span translate="no">{row.name}</span>
                  </td>
                  <td translate="no">{row.tags.join(', ')}</td>
                  <td>{formatBytes(row.size)}</td>
                  <td>{t(`kind.${kindOf(row.kind, row.name)}`)}</td>
                  <td translate="no">{row.profileName ?? ''}</td>
                  <td>{dateFormat.format(row.finishedAt)}</td>
                  <td>{row.vodStatus ? vodStatusText(t, row.vodStatus) : ''}</td>
                  <td>
                    {row.duration !== null ? formatDuration(row.duration) : ''}
                    {row.coverUrl ? (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('action.rowFor', { action: t('action.copyCover'), name: row.name })}
                        title={t('action.copyCover')}
                        onClick={() => void copy(row.coverUrl ?? '')}
                      >
                        <span aria-hidden="true">🖼</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
