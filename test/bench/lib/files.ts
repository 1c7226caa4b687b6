import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc64, crc64Combine } from '../../../electron/core/oss/crc64';
import { MiB } from './units';

export interface BenchFile {
  readonly path: string;
  readonly size: number;
  readonly crc64: string;
}

export function benchTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A real file of incompressible bytes, written fast: one random block (up to 64 MiB) repeated, with the
 * first 8 bytes of every block made unique so no two parts are alike. Its CRC-64 is computed as it is written.
 */
export function writeRandomFile(path: string, size: number): BenchFile {
  const blockSize = Math.min(64 * MiB, size);
  const block = randomBytes(blockSize);
  const fd = openSync(path, 'w');
  let crc = '0';
  try {
    for (let offset = 0, i = 0; offset < size; offset += blockSize, i++) {
      const n = Math.min(blockSize, size - offset);
      block.writeUInt32LE(i, 0);
      const slice = block.subarray(0, n);
      writeSync(fd, slice, 0, n, offset);
      crc = crc64Combine(crc, crc64(slice), n);
    }
    // Written back before anything is timed: writeback competing with the first run's reads skews it.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { path, size, crc64: crc };
}

/** A sparse file (ftruncate): no disk used, reads as zeros. */
export function sparseFile(path: string, size: number): string {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return path;
}
