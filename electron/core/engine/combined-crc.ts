import { crc64Combine } from '../oss/crc64';
import type { StoredPart } from './ports';

/** The whole object's CRC-64 from the part CRCs, in part order: no second read of the file. */
export function combinedCrc(parts: readonly StoredPart[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  let crc = '0';
  for (const part of sorted) crc = crc64Combine(crc, part.crc64, part.size);
  return crc;
}
