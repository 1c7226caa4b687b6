/**
 * Titles from a template such as '{name}' or '{folder} - {name} ({date})'. Placeholders:
 * - {name}: file name without extension; {filename}: with it; {ext}: the extension, no dot
 * - {folder}: the file's folder name ('' for a file dropped on its own); {path}: its folder relative to the
 *   drop, '/'-separated
 * - {date}: the day the file was added, YYYY-MM-DD (local time); {time}: HH-mm; {mdate}: the file's
 *   modification day
 * - {index}: 1-based position in the batch
 * An unknown placeholder is left as typed (and `unknownPlaceholders` lets a form flag it).
 *
 * VOD limits titles to 128 characters and rejects emoji and control characters (IllegalCharacters), so those
 * are removed and the result is cut to 128 characters. A title that ends up empty becomes the file name.
 */
export interface TitleContext {
  readonly fileName: string;
  /** Folder relative to the drop, '/'-separated ('' for a file dropped on its own). */
  readonly relativeDir: string;
  /** When the file was added (ms since epoch). */
  readonly addedAt: number;
  readonly mtimeMs: number;
  /** 1-based position in the batch. */
  readonly index: number;
}

export const TITLE_PLACEHOLDERS = [
  'name',
  'filename',
  'ext',
  'folder',
  'path',
  'date',
  'time',
  'mdate',
  'index',
];
export const MAX_TITLE_LENGTH = 128;

const PLACEHOLDER = /\{([a-z]+)\}/g;

export function renderTitle(template: string, ctx: TitleContext): string {
  const dot = ctx.fileName.lastIndexOf('.');
  const values: Record<string, string> = {
    name: dot > 0 ? ctx.fileName.slice(0, dot) : ctx.fileName,
    filename: ctx.fileName,
    ext: dot > 0 ? ctx.fileName.slice(dot + 1) : '',
    folder: ctx.relativeDir.split('/').at(-1) ?? '',
    path: ctx.relativeDir,
    date: day(ctx.addedAt),
    time: clock(ctx.addedAt),
    mdate: day(ctx.mtimeMs),
    index: String(ctx.index),
  };
  const raw = template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
  const title = sanitize(raw);
  return title === '' ? sanitize(ctx.fileName) : title;
}

export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1] ?? '')
    .filter((key) => !TITLE_PLACEHOLDERS.includes(key));
}

function sanitize(text: string): string {
  const cleaned = text
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Cut by code points, not UTF-16 units, so a character outside the BMP is never split in half.
  return [...cleaned].slice(0, MAX_TITLE_LENGTH).join('').trim();
}

function day(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}-${pad(d.getMinutes())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
