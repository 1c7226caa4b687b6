import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { HistoryRow } from '../../shared/domain/history';

/** DEV ONLY: the history channels of the in-memory dev services, over the rows their simulated uploads finish. */
export function devHistoryHandlers(
  history: readonly HistoryRow[],
): Pick<ContractHandlers, 'history:list' | 'history:export'> {
  return {
    'history:list': ({ query, limit, offset }) => {
      const q = query.toLowerCase();
      const rows = history.filter(
        (r) => !q || `${r.path} ${r.mediaId} ${r.title} ${r.tags.join(' ')}`.toLowerCase().includes(q),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'history:export': ({ format, ids: chosen }) => {
      const rows = chosen ? history.filter((r) => chosen.includes(r.id)) : history;
      if (format === 'json')
        return {
          fileName: 'history.json',
          mimeType: 'application/json',
          content: JSON.stringify(rows, null, 2),
        };
      const lines = [
        'mediaId,title,path,size',
        ...rows.map((r) =>
          [r.mediaId, r.title, r.path, r.size].map((v) => `"${String(v).replace(/"/g, '""')}"`).join(','),
        ),
      ];
      return { fileName: 'history.csv', mimeType: 'text/csv', content: lines.join('\n') };
    },
  };
}
