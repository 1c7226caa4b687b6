const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/**
 * A byte count as people type it: plain bytes ("8388608") or a binary multiple ("8MiB", "8 MiB", "1.5GiB").
 * KB/MB/GB and K/M/G are read as binary too: part sizes and rates are never meant in powers of ten here,
 * and a tool that silently read "8MB" as 8,000,000 would pick a part size nobody asked for.
 * Returns undefined for anything else (negative, fractional bytes, unknown unit).
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const multiplier = UNITS[(match[2] ?? '').toLowerCase()];
  if (multiplier === undefined) return undefined;
  const value = Number(match[1]) * multiplier;
  if (!Number.isSafeInteger(value)) return undefined;
  return value;
}

/** 1536 → "1.5 KiB"; bytes under 1 KiB stay bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
