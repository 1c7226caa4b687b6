/**
 * Pure formatting for numbers people read in the queue, totals bar and history. Units are binary and named
 * so (1 KiB = 1024 B), as the CLI writes them (electron/cli/sizes.ts): one convention across app and CLI.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // Three significant digits at most: "1.2 TiB", "12.5 GiB", "512 MiB".
  const digits = value >= 100 ? 0 : 1;
  return `${trimZero(value.toFixed(digits))} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Compact durations: "45 s", "3 min", "1 h 5 min"; '' when there is nothing meaningful to show. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours >= 48) return `${Math.round(hours / 24)} d`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Whole percent, never 100 before the last byte and never NaN. */
export function percentOf(done: number, total: number): number {
  if (!(total > 0)) return 0;
  const ratio = Math.min(1, Math.max(0, done / total));
  const pct = Math.floor(ratio * 100);
  return done < total ? Math.min(pct, 99) : 100;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * An error as support needs it, on one line: the code, the message, and the cloud's request id (which
 * Alibaba Cloud support asks for first).
 */
export function formatErrorDetails(error: {
  code: string;
  message: string;
  requestId?: string | undefined;
}): string {
  return [`${error.code}: ${error.message}`, error.requestId ? `RequestId ${error.requestId}` : '']
    .filter(Boolean)
    .join(' · ');
}

/** A media duration: "0:42", "12:05", "1:02:03" (the CLI's history prints the same). */
export { formatMediaDuration as formatDuration } from '../../shared/logic/media-duration';
