import stringWidth from 'string-width';
import { formatSize } from '../sizes';

/** One file moving now. */
export interface LiveFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly bytesDone: number;
  readonly speed: number;
  /** `retrying` shows instead of the speed; `preparing` and `verifying` likewise. */
  readonly state: string;
}

/** What the live area shows: the batch's totals, then one line per active file. */
export interface LiveView {
  readonly done: number;
  readonly jobs: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly speed: number;
  /** Seconds left for the whole batch, or null while unknown. */
  readonly etaSeconds: number | null;
  /** Requests in flight (the engine finds how many the path takes); absent when unknown. */
  readonly connections?: number | undefined;
  readonly active: readonly LiveFile[];
}

export interface FrameOptions {
  /** The terminal's width in columns. */
  readonly columns: number;
  /** ANSI colours (off for NO_COLOR). */
  readonly color: boolean;
  /** Most file lines shown; the rest are counted in one line. */
  readonly maxFiles?: number;
}

const BAR_WIDTH = 20;
const MIN_NAME = 12;

/**
 * The live area as lines, each narrower than the terminal (measured in display columns: a CJK character takes
 * two), so no line ever wraps, and the writer can always move back over exactly the lines it drew. Pure.
 */
export function renderFrame(view: LiveView, options: FrameOptions): string[] {
  // One column spare: a line that fills the last column makes some terminals wrap early.
  const width = Math.max(20, options.columns - 1);
  const paint = painter(options.color);
  const lines: string[] = [];
  const percent = view.bytesTotal > 0 ? Math.floor((view.bytesDone / view.bytesTotal) * 100) : 0;
  const total = [
    `${view.done}/${view.jobs} files`,
    `${formatSize(view.bytesDone)}/${formatSize(view.bytesTotal)}`,
    `${percent}%`,
    view.speed > 0 ? `${formatSize(view.speed)}/s` : '',
    view.etaSeconds !== null && view.speed > 0 ? `ETA ${formatDuration(view.etaSeconds)}` : '',
    view.connections !== undefined && view.connections > 0 ? `${view.connections} conn` : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
  lines.push(paint.bold(fit(`Total ${total}`, width)));

  const max = options.maxFiles ?? 12;
  const shown = view.active.slice(0, max);
  // Every file line gets the same tail width, so names, bars and figures line up in columns.
  const tails = shown.map(tailOf);
  const tailWidth = Math.max(0, ...tails.map((t) => stringWidth(t)));
  shown.forEach((file, i) => lines.push(fileLine(file, padTo(tails[i]!, tailWidth), width, paint)));
  if (view.active.length > shown.length) {
    lines.push(paint.dim(fit(`… and ${view.active.length - shown.length} more`, width)));
  }
  return lines;
}

function ratioOf(file: LiveFile): number {
  return file.size > 0 ? Math.min(1, file.bytesDone / file.size) : 0;
}

function tailOf(file: LiveFile): string {
  const pct = `${Math.floor(ratioOf(file) * 100)}%`.padStart(4);
  // Moving: its speed; otherwise what it is doing (preparing, retrying, verifying).
  const rate = file.state === 'uploading' ? `${formatSize(file.speed)}/s` : file.state;
  return ` ${pct} ${formatSize(file.bytesDone)}/${formatSize(file.size)}${rate ? ` ${rate}` : ''}`;
}

function fileLine(file: LiveFile, tail: string, width: number, paint: Painter): string {
  const ratio = ratioOf(file);
  const barWidth = width - MIN_NAME - 1 - stringWidth(tail) >= BAR_WIDTH ? BAR_WIDTH : 0;
  const nameWidth = Math.max(1, width - (barWidth > 0 ? barWidth + 1 : 0) - stringWidth(tail));
  const name = padTo(truncateMiddle(file.name, nameWidth), nameWidth);
  const filled = Math.round(ratio * barWidth);
  const bar =
    barWidth > 0 ? ` ${paint.green('█'.repeat(filled))}${paint.dim('░'.repeat(barWidth - filled))}` : '';
  const text = `${name}${bar}${file.state === 'retrying' ? paint.yellow(tail) : tail}`;
  // Only when even the smallest name does not fit: cut the plain text (colours are dropped, it is rare).
  return stringWidth(text) <= width ? text : fit(`${name}${tail}`, width);
}

/** Cuts `text` to `width` display columns, with … at the end. */
export function fit(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  return `${takeColumns(text, width - 1)}…`;
}

/**
 * Cuts `text` to `width` display columns keeping its start and end (a file's extension and take number are at
 * the end), with … in the middle.
 */
export function truncateMiddle(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return '…';
  const tailWidth = Math.floor((width - 1) / 2);
  const head = takeColumns(text, width - 1 - tailWidth);
  const tail = takeColumnsFromEnd(text, width - 1 - stringWidth(head));
  return `${head}…${tail}`;
}

/** Pads with spaces to exactly `width` display columns. */
export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

const segmenter = new Intl.Segmenter();

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function takeColumns(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

function takeColumnsFromEnd(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text).reverse()) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out = g + out;
    used += w;
  }
  return out;
}

/** 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(s / 3600);
  if (h >= 100) return `${h}h`;
  return `${h}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

function painter(color: boolean): Painter {
  const sgr = (open: number, close: number) => (text: string) =>
    color && text !== '' ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), yellow: sgr(33, 39) };
}
