/** The middle value (the mean of the two middle ones for an even count); the list must not be empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Bytes per second as MB/s with two decimals, for log lines. */
export function mbps(bytesPerSecond: number): number {
  return Math.round(bytesPerSecond / 1e4) / 100;
}
