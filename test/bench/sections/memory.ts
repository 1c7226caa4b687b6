import { join } from 'node:path';
import { crc64, crc64Combine } from '../../../electron/core/oss/crc64';
import type { EmulatorProcess } from '../lib/emulator-process';
import { sparseFile, type BenchFile } from '../lib/files';
import { MiB } from '../lib/units';
import { ENGINE_DEFAULTS, engineRun, type Run } from './contenders';

/** A sparse file of zeros and its CRC-64, combined from one zero block (no 20 GB pass over memory). */
export function sparseBenchFile(path: string, size: number): BenchFile {
  sparseFile(path, size);
  const block = 64 * MiB;
  const zeroCrc = crc64(Buffer.alloc(block));
  let crc = '0';
  let left = size;
  while (left > 0) {
    const n = Math.min(block, left);
    crc = crc64Combine(crc, n === block ? zeroCrc : crc64(Buffer.alloc(n)), n);
    left -= n;
  }
  return { path, size, crc64: crc };
}

/** The engine's peak RSS on a big sparse file (compare with the real 1 GB file's runs). */
export async function sparseRun(
  emu: EmulatorProcess,
  scratch: string,
  size: number,
  partSize?: number,
): Promise<Run> {
  const file = sparseBenchFile(join(scratch, `sparse-${size}.mp4`), size);
  const limits = partSize === undefined ? ENGINE_DEFAULTS : { ...ENGINE_DEFAULTS, partSize };
  return engineRun(emu, file, join(scratch, `sparse-data-${Date.now()}`), limits);
}
