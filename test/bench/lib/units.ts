/** Sizes are binary (a "1 GB" file is 1 GiB); speeds are reported in MB/s = 10^6 bytes per second. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const MB = 1_000_000;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** MB/s from bytes and milliseconds. */
export function mbps(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}
