import { GiB, MB, MiB } from './lib/units';
import type { BatchProfile } from './sections/batch';

/**
 * Sizes of one bench run. The full run is sized to finish in well under 20 minutes on 2 cores; the quick
 * run (npm test's smoke test) only proves every section works end to end, in under a minute.
 */
export interface BenchProfile {
  readonly name: 'full' | 'quick';
  readonly loopbackFileBytes: number;
  readonly wanFileBytes: number;
  readonly rounds: number;
  /** Issue 15's memory target: a sparse file this big, measured while its first part uploads, then canceled. */
  readonly firstPartsFileBytes: number;
  readonly wan: {
    readonly latencyMs: number;
    readonly bandwidth: number;
    readonly perConnectionBandwidth: number;
  };
  readonly queueFiles: number;
  readonly queueObserveMs: number;
  /** CLI start time: starts of each command measured (median), and the queue size `status` reads. */
  readonly cliStart: { runs: number; jobs: number };
  /** Kill -9 anywhere (sections/kill-anywhere.ts): files of each of the six kinds, SIGKILL cycles. */
  readonly kill: { filesPerKind: number; cycles: number; maxDelayMs: number };
  /** Fault soak (sections/reliability.ts): small files of every kind, a few big videos. */
  readonly soak: { files: number; bigFiles: number; bigFileSize: number; bandwidth: number };
  /** The scenarios run (sections/scenarios.ts) and the file each uploads. */
  readonly scenarios: { names: readonly string[]; fileBytes: number };
  /** The batch of small files each scenario also uploads. */
  readonly batch: BatchProfile | null;
  /** A sparse file uploaded in parts of `partSize` (5 GiB: no Buffer of a part could hold it on Node 20). */
  readonly hugePart: { fileBytes: number; partSize: number } | null;
  readonly sweep: {
    fileBytes: number;
    partSizesMiB: number[];
    partsInFlight: number[];
    /** Many files smaller than a part: each is one PutObject, so only files at once sets the parallelism. */
    smallFiles: { count: number; size: number; filesAtOnce: number[] };
  } | null;
}

const WAN = { latencyMs: 40, bandwidth: 100 * MB, perConnectionBandwidth: 25 * MB };

export const FULL: BenchProfile = {
  name: 'full',
  loopbackFileBytes: GiB,
  wanFileBytes: 512 * MiB,
  rounds: 3,
  firstPartsFileBytes: 10 * 1024 * GiB,
  wan: WAN,
  scenarios: { names: ['near', 'regional', 'far', 'far-lossy'], fileBytes: GiB },
  batch: { files: 200, fileBytes: 4 * MiB, aliDefaultFiles: 40, aliTunedFilesAtOnce: 64 },
  hugePart: { fileBytes: 5 * GiB + 256 * MiB, partSize: 5 * GiB },
  queueFiles: 10_000,
  queueObserveMs: 10_000,
  cliStart: { runs: 9, jobs: 10_000 },
  kill: { filesPerKind: 6, cycles: 60, maxDelayMs: 3_000 },
  // Three 16 MiB videos take longer than a credential's 20 s life at this bandwidth, so refreshes happen.
  soak: { files: 1_000, bigFiles: 3, bigFileSize: 16 * MiB, bandwidth: 8 * MB },
  sweep: {
    fileBytes: 512 * MiB,
    partSizesMiB: [1, 4, 8, 16, 32],
    partsInFlight: [4, 8, 16],
    smallFiles: { count: 32, size: 4 * MiB, filesAtOnce: [1, 3, 8] },
  },
};

export const QUICK: BenchProfile = {
  name: 'quick',
  loopbackFileBytes: 48 * MiB,
  wanFileBytes: 16 * MiB,
  rounds: 1,
  // Above 80 GiB, so the part size grows past the 8 MiB setting (10,000 parts at most), as on the full run.
  firstPartsFileBytes: 100 * GiB,
  wan: WAN,
  scenarios: { names: ['far'], fileBytes: 16 * MiB },
  batch: { files: 6, fileBytes: MiB, aliDefaultFiles: 2, aliTunedFilesAtOnce: 4 },
  hugePart: null,
  queueFiles: 1_000,
  queueObserveMs: 1_500,
  cliStart: { runs: 3, jobs: 10_000 },
  kill: { filesPerKind: 1, cycles: 4, maxDelayMs: 2_000 },
  soak: { files: 24, bigFiles: 0, bigFileSize: 0, bandwidth: 8 * MB },
  sweep: null,
};
