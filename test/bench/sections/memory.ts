import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc64, crc64Combine } from '../../../electron/core/oss/crc64';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { EngineJobResult, EngineTask, LedgerOwed } from '../children/engine-upload';
import { runChild } from '../lib/child';
import type { EmulatorProcess } from '../lib/emulator-process';
import { sparseFile, type BenchFile } from '../lib/files';
import type { ProcessMetrics } from '../lib/process-metrics';
import { MiB, mbps, round } from '../lib/units';
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

/** What the first parts of a huge file cost, and whether canceling it left anything in VOD or OSS. */
export interface FirstPartsRun extends ProcessMetrics {
  readonly fileBytes: number;
  /** Bytes OSS confirmed (parts answered and recorded) when the metrics stopped. */
  readonly confirmedBytes: number;
  /** MB/s of confirmed bytes over the measured span. */
  readonly mbps: number;
  /** The job ended canceled, nothing owed to VOD, no multipart upload left open on the emulator. */
  readonly cleanedUp: boolean;
}

/**
 * Issue 15's memory target: the engine at its default settings on a 10 TiB sparse file, measured while its
 * first parts upload (`stopAfterBytes` confirmed), then canceled. The whole file would take ten hours on
 * loopback; the parts in flight, not the file, are what could make memory grow.
 */
export async function firstPartsRun(
  emu: EmulatorProcess,
  scratch: string,
  size: number,
  stopAfterBytes: number,
): Promise<FirstPartsRun> {
  const path = sparseFile(join(scratch, `first-parts-${size}.mp4`), size);
  const task: EngineTask = {
    config: emu.config,
    dataDir: join(scratch, `first-parts-data-${Date.now()}`),
    paths: [path],
    add: true,
    settings: { ...ENGINE_DEFAULTS, filesAtOnce: DEFAULT_SETTINGS.filesAtOnce },
    stopAfterConfirmedBytes: stopAfterBytes,
    drainLedgerMs: 30_000,
  };
  try {
    const r = await runChild<
      ProcessMetrics & {
        jobs: EngineJobResult[];
        stuck: number;
        ledger: { afterDrain: LedgerOwed };
        firstParts?: { confirmedBytes: number };
      }
    >('engine-upload', task);
    const confirmedBytes = r.firstParts?.confirmedBytes ?? 0;
    const open = await emu.uploads();
    const cleanedUp =
      r.jobs.every((j) => j.state === 'canceled') &&
      r.stuck === 0 &&
      r.ledger.afterDrain.deletions === 0 &&
      r.ledger.afterDrain.intents === 0 &&
      open.length === 0;
    return { ...r, fileBytes: size, confirmedBytes, mbps: mbps(confirmedBytes, r.wallMs), cleanedUp };
  } finally {
    rmSync(path, { force: true });
  }
}

/** Issue 15's two memory rows: the huge file's peak RSS, and how it compares with the 1 GiB file's. */
export function firstPartsTargets(
  huge: FirstPartsRun,
  realFile: { readonly bytes: number; readonly peakRssBytes: number },
): { name: string; measured: string; met: boolean }[] {
  const size = (bytes: number): string =>
    bytes >= 2 ** 40 ? `${round(bytes / 2 ** 40, 2)} TiB` : `${round(bytes / 2 ** 30, 2)} GiB`;
  const peak = round(huge.peakRssBytes / MiB, 0);
  const growth = huge.peakRssBytes / realFile.peakRssBytes;
  return [
    {
      name: `peak RSS ≤ 300 MiB, first part of a ${size(huge.fileBytes)} sparse file at default settings`,
      measured: `${peak} MiB (${size(huge.confirmedBytes)} confirmed, then canceled${huge.cleanedUp ? ', nothing left in VOD or OSS' : ': SOMETHING LEFT BEHIND'})`,
      met: huge.peakRssBytes <= 300 * MiB && huge.confirmedBytes > 0 && huge.cleanedUp,
    },
    {
      name: `peak RSS on that file within 10% of the ${size(realFile.bytes)} file's`,
      measured: `${round(growth, 2)}× (${peak} / ${round(realFile.peakRssBytes / MiB, 0)} MiB)`,
      met: growth <= 1.1,
    },
  ];
}
