import type { HistoryRow } from '../../../shared/domain/history';

export interface HistoryExport {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

const CSV_COLUMNS: readonly [string, (r: HistoryRow) => string][] = [
  ['Media ID', (r) => r.mediaId],
  ['Kind', (r) => r.kind],
  ['Title', (r) => r.title],
  ['File name', (r) => r.name],
  ['Folder', (r) => r.relativeDir],
  ['Path', (r) => r.path],
  ['Size (bytes)', (r) => String(r.size)],
  ['Profile', (r) => r.profileName ?? ''],
  ['Finished (UTC)', (r) => new Date(r.finishedAt).toISOString()],
  ['VOD status', (r) => r.vodStatus ?? ''],
  ['CRC-64', (r) => r.crc64 ?? ''],
  ['Tags', (r) => r.tags.join(', ')],
  ['Duration (s)', (r) => (r.duration === null ? '' : String(r.duration))],
  ['Cover URL', (r) => r.coverUrl ?? ''],
];

/**
 * History as CSV for spreadsheets: RFC 4180 (CRLF rows, fields with a comma, quote or line break quoted,
 * quotes doubled), preceded by a UTF-8 BOM so Excel reads Chinese names as UTF-8 rather than the ANSI code
 * page. A cell that starts with = + - @ or a tab would be run as a formula by Excel; it gets a leading
 * apostrophe (OWASP's CSV-injection advice), which Excel hides.
 */
export function historyToCsv(rows: readonly HistoryRow[]): string {
  const lines = [CSV_COLUMNS.map(([title]) => csvField(title))];
  for (const row of rows) lines.push(CSV_COLUMNS.map(([, value]) => csvField(neutralizeFormula(value(row)))));
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** History as a JSON array of HistoryRow, with ISO dates beside the epoch milliseconds. */
export function historyToJson(rows: readonly HistoryRow[]): string {
  return `${JSON.stringify(
    rows.map((r) => ({ ...r, finishedAtIso: new Date(r.finishedAt).toISOString() })),
    null,
    2,
  )}\n`;
}

export function exportHistory(rows: readonly HistoryRow[], format: 'csv' | 'json', now: Date): HistoryExport {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return format === 'csv'
    ? {
        fileName: `vod-history-${stamp}.csv`,
        mimeType: 'text/csv;charset=utf-8',
        content: historyToCsv(rows),
      }
    : { fileName: `vod-history-${stamp}.json`, mimeType: 'application/json', content: historyToJson(rows) };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
