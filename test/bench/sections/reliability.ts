import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc64 } from '../../../electron/core/oss/crc64';
import type { EmulatorState } from '../../emulator/index';
import type { EngineJobResult, EngineTask } from '../children/engine-upload';
import { spawnChild } from '../lib/child';
import { startEmulatorProcess } from '../lib/emulator-process';
import { writeRandomFile, type BenchFile } from '../lib/files';
import { createPrng as prng } from '../../emulator/prng';
import { KiB, MiB } from '../lib/units';

export interface BatchCheck {
  readonly files: number;
  /** Jobs done with the file's CRC-64 on record. */
  readonly doneWithCrc: number;
  /** Files that ended with exactly one object of their size and CRC on the server. */
  readonly exactlyOnce: number;
  readonly duplicateObjects: number;
  readonly distinctMediaIds: number;
  /** Media created on the server that never received a finished object (a crash after CreateUpload*). */
  readonly orphanMedia: number;
  readonly failed: number;
  readonly stuck: number;
  readonly bytesTotal: number;
  readonly bytesReceived: number;
  readonly bytesResent: number;
  readonly errors: string[];
}

function check(
  files: readonly BenchFile[],
  jobs: readonly EngineJobResult[],
  state: EmulatorState,
): BatchCheck {
  let exactlyOnce = 0;
  let duplicates = 0;
  for (const f of files) {
    const n = state.objects.filter((o) => o.size === f.size && o.crc64 === f.crc64).length;
    if (n === 1) exactlyOnce++;
    if (n > 1) duplicates += n - 1;
  }
  const crcs = new Map(files.map((f) => [f.path.split('/').pop()!, f.crc64]));
  const done = jobs.filter((j) => j.state === 'done');
  const finishedKeys = new Set(state.objects.map((o) => o.key));
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  return {
    files: files.length,
    doneWithCrc: done.filter((j) => j.crc64 === crcs.get(j.name)).length,
    exactlyOnce,
    duplicateObjects: duplicates,
    distinctMediaIds: new Set(done.map((j) => j.mediaId)).size,
    orphanMedia: state.media.filter((m) => !finishedKeys.has(m.key)).length,
    failed: jobs.filter((j) => j.state === 'failed').length,
    stuck: jobs.filter((j) => !['done', 'failed', 'canceled', 'source-missing'].includes(j.state)).length,
    bytesTotal,
    bytesReceived: state.bytesReceived,
    bytesResent: state.bytesReceived - bytesTotal,
    errors: jobs.filter((j) => j.error !== undefined).map((j) => `${j.name}: ${j.error}`),
  };
}

/** Small parts put many part boundaries under the random kills. */
const KILL_SETTINGS = { partSize: MiB, partsInFlight: 8, filesAtOnce: 3 };

export interface KillRestartResult extends BatchCheck {
  /** What "only in-flight parts are re-sent" allows: kills × parts in flight × part size. */
  readonly resendBoundBytes: number;
  readonly cycles: number;
  readonly killsDelivered: number;
  readonly seed: number;
  readonly wallMs: number;
}

/**
 * `cycles` times: start the engine (a child process) on the same queue database, kill -9 it at a random
 * moment, start it again; then let a last run finish. Every file must end done exactly once with its CRC.
 */
export async function killRestart(
  scratch: string,
  options: { files: number; fileSize: number; cycles: number; seed: number; bandwidth: number },
  log: (line: string) => void,
): Promise<KillRestartResult> {
  const started = Date.now();
  const random = prng(options.seed);
  const files: BenchFile[] = [];
  for (let i = 0; i < options.files; i++) {
    files.push(writeRandomFile(join(scratch, `take-${String(i).padStart(2, '0')}.mov`), options.fileSize));
  }
  const emu = await startEmulatorProcess({ sink: true, bandwidth: options.bandwidth, seed: options.seed });
  try {
    const base: EngineTask = {
      config: emu.config,
      dataDir: join(scratch, 'kill-data'),
      paths: files.map((f) => f.path),
      add: true,
      settings: KILL_SETTINGS,
      timeoutMs: 180_000,
    };
    let kills = 0;
    let result: EngineJobResult[] | undefined;
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const spawned = spawnChild('engine-upload', { ...base, add: cycle === 0 });
      // The first run is killed only once its files are queued; later ones anywhere, startup included.
      await spawned.waitFor(cycle === 0 ? 'queued' : 'started');
      const delay = 100 + random() * 1900;
      const timer = setTimeout(() => spawned.child.kill('SIGKILL'), delay);
      const exit = await spawned.done;
      clearTimeout(timer);
      if (exit.signal === 'SIGKILL') kills++;
      else {
        // The batch finished before the kill landed: nothing left to interrupt.
        result = (exit.result as { jobs: EngineJobResult[] } | undefined)?.jobs;
        log(`  batch finished on its own in cycle ${cycle + 1}`);
        break;
      }
    }
    if (result === undefined) {
      const last = spawnChild('engine-upload', { ...base, add: false });
      result = ((await last.done).result as { jobs: EngineJobResult[] } | undefined)?.jobs ?? [];
    }
    const verdict = check(files, result, await emu.state());
    return {
      ...verdict,
      resendBoundBytes: kills * KILL_SETTINGS.partsInFlight * KILL_SETTINGS.partSize,
      cycles: options.cycles,
      killsDelivered: kills,
      seed: options.seed,
      wallMs: Date.now() - started,
    };
  } finally {
    await emu.stop();
  }
}

export interface SoakResult extends BatchCheck {
  readonly wallMs: number;
  readonly credentialRefreshes: number;
  readonly faults: Record<string, number>;
  readonly seed: number;
}

/** Many small files through error, reset and stall faults with short-lived upload credentials. */
export async function faultSoak(
  scratch: string,
  options: { files: number; bigFiles: number; bigFileSize: number; bandwidth: number; seed: number },
): Promise<SoakResult> {
  const started = Date.now();
  const random = prng(options.seed);
  const files: BenchFile[] = [];
  for (let i = 0; i < options.files; i++) {
    const big = i < options.bigFiles;
    const size = big ? options.bigFileSize : Math.floor(100 * KiB + random() * 1000 * KiB);
    const data = randomBytes(size);
    const path = join(scratch, `soak-${String(i).padStart(3, '0')}.mp4`);
    writeFileSync(path, data);
    files.push({ path, size, crc64: crc64(data) });
  }
  const faults = { errorRate: 0.05, resetRate: 0.02, stallRate: 0.01, stsTtl: 20 };
  const emu = await startEmulatorProcess({
    sink: true,
    seed: options.seed,
    bandwidth: options.bandwidth,
    ...faults,
  });
  try {
    const task: EngineTask = {
      config: emu.config,
      dataDir: join(scratch, 'soak-data'),
      paths: files.map((f) => f.path),
      add: true,
      settings: { partSize: 512 * KiB, partsInFlight: 8, filesAtOnce: 3 },
      // A stalled request is given up after 3 s (default 30 s) and a credential is renewed 5 s before its
      // 20 s life ends (default margin 5 min, longer than the whole life).
      engine: { stallTimeoutMs: 3_000, requestTimeoutMs: 5_000 },
      credentialMarginMs: 5_000,
      timeoutMs: 300_000,
    };
    const spawned = spawnChild('engine-upload', task);
    const jobs = ((await spawned.done).result as { jobs: EngineJobResult[] } | undefined)?.jobs ?? [];
    const state = await emu.state();
    return {
      ...check(files, jobs, state),
      wallMs: Date.now() - started,
      credentialRefreshes: state.calls['RefreshUploadVideo'] ?? 0,
      faults,
      seed: options.seed,
    };
  } finally {
    await emu.stop();
  }
}
