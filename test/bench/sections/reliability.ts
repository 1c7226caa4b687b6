import { join } from 'node:path';
import type { EngineJobResult, EngineTask, LedgerOwed } from '../children/engine-upload';
import { spawnChild } from '../lib/child';
import { startEmulatorProcess } from '../lib/emulator-process';
import {
  auditMedia,
  FILE_KINDS,
  writeKindFile,
  type FileKind,
  type KindFile,
  type MediaAudit,
} from '../lib/media-audit';
import { createPrng as prng } from '../../emulator/prng';
import { KiB, MiB } from '../lib/units';

/** The bench's seed for the soak's file sizes and the emulator's faults (`--soak-seed` replays another). */
export const SOAK_SEED = 4242;

/** Size range of each kind's files in the soak: small, most of them still in several 256 KiB parts. */
const SOAK_SIZES: Readonly<Record<FileKind, readonly [number, number]>> = {
  video: [32 * KiB, MiB],
  audio: [32 * KiB, 512 * KiB],
  image: [8 * KiB, 256 * KiB],
  subtitle: [1 * KiB, 32 * KiB],
  watermark: [8 * KiB, 256 * KiB],
  material: [16 * KiB, 512 * KiB],
};

/** What the soak's emulator does wrong: 500/503 answers, resets mid-body, stalls, 20 s credentials. */
export const SOAK_FAULTS = { errorRate: 0.05, resetRate: 0.02, stallRate: 0.01, stsTtl: 20 } as const;

export interface SoakOptions {
  readonly files: number;
  /** The first files are videos of `bigFileSize`: they outlive a credential, so it is refreshed mid-upload. */
  readonly bigFiles: number;
  readonly bigFileSize: number;
  /** The emulator's total bandwidth cap, bytes/s (0: none). */
  readonly bandwidth: number;
  readonly seed: number;
}

export interface SoakResult {
  readonly seed: number;
  readonly files: number;
  readonly faults: typeof SOAK_FAULTS;
  readonly audit: MediaAudit;
  readonly calls: Record<string, number>;
  readonly bytesTotal: number;
  readonly bytesReceived: number;
  readonly wallMs: number;
}

/**
 * A thousand small files of every kind through errors, resets and stalls with short-lived upload
 * credentials, by one engine child to the end: none stuck, none lost, exactly one live media per file, no
 * orphan, none Uploading, no open multipart upload, nothing owed in the ledger.
 */
export async function faultSoak(
  scratch: string,
  options: SoakOptions,
  log: (line: string) => void = () => undefined,
): Promise<SoakResult> {
  const started = Date.now();
  const random = prng(options.seed);
  const files: KindFile[] = [];
  for (let i = 0; i < options.files; i++) {
    const kind = i < options.bigFiles ? 'video' : FILE_KINDS[i % FILE_KINDS.length]!;
    const [min, max] = SOAK_SIZES[kind];
    const size = i < options.bigFiles ? options.bigFileSize : Math.floor(min + random() * (max - min));
    files.push(writeKindFile(scratch, kind, i, size));
  }
  const emu = await startEmulatorProcess({
    sink: true,
    seed: options.seed,
    transcodeDelay: 10,
    ...(options.bandwidth > 0 ? { bandwidth: options.bandwidth } : {}),
    ...SOAK_FAULTS,
  });
  try {
    const task: EngineTask = {
      config: emu.config,
      dataDir: join(scratch, 'soak-data'),
      paths: files.map((f) => f.path),
      add: true,
      settings: { partSize: 256 * KiB, partsInFlight: 16, filesAtOnce: 16 },
      // A stalled request is given up after 3 s (default 30 s) and a credential is renewed 4 s before its
      // 20 s life ends (default margin 5 min, longer than the whole life).
      engine: { stallTimeoutMs: 3_000, requestTimeoutMs: 5_000 },
      credentialMarginMs: 5_000,
      timeoutMs: 600_000,
      drainLedgerMs: 90_000,
    };
    const spawned = spawnChild('engine-upload', task);
    const exit = await spawned.done;
    const result = exit.result as
      { jobs: EngineJobResult[]; ledger: { atIdle: LedgerOwed; afterDrain: LedgerOwed } } | undefined;
    if (result === undefined)
      log(`  the soak's engine exited (${exit.code ?? exit.signal}) without a result`);
    const state = await emu.state();
    const none: LedgerOwed = { deletions: -1, intents: -1 };
    return {
      seed: options.seed,
      files: files.length,
      faults: SOAK_FAULTS,
      audit: auditMedia(
        files,
        result?.jobs ?? [],
        state,
        await emu.uploads(),
        result?.ledger ?? { atIdle: none, afterDrain: none },
      ),
      calls: state.calls,
      bytesTotal: files.reduce((n, f) => n + f.size, 0),
      bytesReceived: state.bytesReceived,
      wallMs: Date.now() - started,
    };
  } finally {
    await emu.stop();
  }
}
