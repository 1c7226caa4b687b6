/**
 * Tab-separated text for the clipboard (spreadsheets paste it into columns). A field that holds a tab,
 * newline or quote is quoted the way spreadsheets expect; a leading formula character is neutralised so a
 * pasted file name cannot run as a formula.
 */
export function toTsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((row) => row.map(tsvField).join('\t')).join('\n');
}

export function tsvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
