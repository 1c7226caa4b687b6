import { join } from 'node:path';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { createPrng as prng } from '../../emulator/prng';
import type { EngineJobResult, EngineTask, LedgerOwed } from '../children/engine-upload';
import { spawnChild } from '../lib/child';
import { startEmulatorProcess } from '../lib/emulator-process';
import {
  auditMedia,
  FILE_KINDS,
  kindOf,
  writeKindFile,
  type FileKind,
  type KindFile,
  type MediaAudit,
} from '../lib/media-audit';
import { KiB, MiB } from '../lib/units';

/** Bytes of each kind's files: every kind but subtitles spans several 100 KiB parts. */
const SIZES: Readonly<Record<FileKind, number>> = {
  video: 3 * MiB + 11,
  audio: 1.5 * MiB + 7,
  image: 300 * KiB,
  subtitle: 16 * KiB,
  watermark: 200 * KiB,
  material: 600 * KiB + 3,
};

/** The smallest parts OSS takes: many part boundaries under the kills, and parts that finish between them. */
const SETTINGS = { partSize: 100 * KiB, partsInFlight: 4, filesAtOnce: 4 };

/**
 * The link while the kills run: slow enough that no cycle can finish the batch (each is killed mid-work),
 * with a latency that holds every answer back, so a kill often lands after VOD acted and before the engine
 * heard. The last run goes at full speed. The bandwidth is set again before every cycle (paceFor).
 */
const SLOW = { bandwidth: 384 * KiB, latency: 60 };

/**
 * The bandwidth that spreads what is left of the batch over the cycles left plus three, given how long the
 * engine has worked in a cycle on average (from start-up to the kill): the batch moves on in every cycle,
 * through every kind, and is not finished before the last kill.
 */
function paceFor(remainingBytes: number, cyclesLeft: number, workMs: number): number {
  const perSecond = remainingBytes / ((cyclesLeft + 3) * Math.max(0.2, workMs / 1000));
  // Below the floor no part of four files at once would finish between two kills: nothing would move.
  return Math.round(Math.min(4 * MiB, Math.max(256 * KiB, perSecond)));
}

/** The bench's seed for the kill moments (printed with the table; `--kill-seed` replays another). */
export const KILL_SEED = 20261202;

export interface KillAnywhereOptions {
  readonly filesPerKind: number;
  readonly cycles: number;
  readonly seed: number;
  /** A kill lands at most this long after the child is up (uniform from 100 ms). */
  readonly maxDelayMs: number;
}

export interface KindKills {
  readonly kind: FileKind;
  /** Kills that interrupted at least one file of this kind mid-work (its job active at the kill). */
  readonly midWork: number;
  /** Kills right after one of this kind's CreateUpload* answers arrived, before it was saved. */
  readonly afterCreate: number;
}

export interface KillAnywhereResult {
  readonly seed: number;
  readonly cycles: number;
  /** Cycles whose child died of SIGKILL (the rest finished first, or exited). */
  readonly killsLanded: number;
  readonly killsAfterCreate: number;
  readonly perKind: KindKills[];
  readonly audit: MediaAudit;
  readonly calls: Record<string, number>;
  readonly bytesTotal: number;
  readonly bytesReceived: number;
  readonly finalRunMs: number;
  readonly wallMs: number;
}

/**
 * Read from the queue database between runs: which kinds had a job active (started, not finished) when
 * the child died, and the bytes not yet on record as sent.
 */
function queueAtKill(
  dbFile: string,
  files: readonly KindFile[],
): { active: Set<FileKind>; remainingBytes: number } {
  const kindByName = new Map(files.map((f) => [f.name, f.kind]));
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const activeStates = new Set(['preparing', 'uploading', 'retrying', 'verifying']);
    const active = new Set<FileKind>();
    let remainingBytes = 0;
    for (const job of createQueueStore(db.db).jobs.list()) {
      const kind = kindByName.get(job.name);
      if (kind !== undefined && activeStates.has(job.status.state)) active.add(kind);
      if (job.status.state !== 'done') remainingBytes += job.size - job.bytesDone;
    }
    return { active, remainingBytes };
  } finally {
    db.close();
  }
}

function kindOfJob(dbFile: string, jobId: string): FileKind | undefined {
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const job = createQueueStore(db.db).jobs.get(jobId);
    const kind = job === undefined ? 'other' : kindOf(job.name);
    return kind === 'other' ? undefined : kind;
  } finally {
    db.close();
  }
}

/**
 * A batch of every kind run by a child engine process on one SQLite queue, SIGKILLed `cycles` times:
 * alternately right after the Nth CreateUpload* answer arrives (the child kills itself before saving it; a
 * timer is the fallback) and at a random moment. Then one run to the end at full speed. VOD must hold
 * exactly one live media per file, none Uploading, no multipart upload open, and the ledger nothing owed.
 */
export async function killAnywhere(
  scratch: string,
  options: KillAnywhereOptions,
  log: (line: string) => void,
): Promise<KillAnywhereResult> {
  const started = Date.now();
  const random = prng(options.seed);
  const files: KindFile[] = [];
  for (let i = 0; i < options.filesPerKind; i++)
    for (const kind of FILE_KINDS) files.push(writeKindFile(scratch, kind, i, SIZES[kind]));
  const dataDir = join(scratch, 'kill-anywhere-data');
  const dbFile = join(dataDir, QUEUE_DB_FILE);
  const emu = await startEmulatorProcess({ sink: true, seed: options.seed, transcodeDelay: 10, ...SLOW });
  try {
    const base: EngineTask = {
      config: emu.config,
      dataDir,
      paths: files.map((f) => f.path),
      add: true,
      settings: SETTINGS,
      engine: { stallTimeoutMs: 8_000 },
      timeoutMs: 120_000,
    };
    let killsLanded = 0;
    let killsAfterCreate = 0;
    const perKind = new Map(FILE_KINDS.map((k) => [k, { kind: k, midWork: 0, afterCreate: 0 }]));
    let workMs = 0;
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      let upAt = Date.now();
      const afterCreates = cycle % 2 === 0 ? 1 + Math.floor(random() * 3) : 0;
      const delay = Math.round(100 + random() * (options.maxDelayMs - 100));
      const spawned = spawnChild('engine-upload', {
        ...base,
        add: cycle === 0,
        killAfterCreates: afterCreates,
      });
      let createdJob: string | undefined;
      spawned.onLine((line) => {
        if (line.startsWith('killed-after-create ')) createdJob = line.split(' ')[1];
      });
      // The first run is killed only once its files are queued; later ones anywhere after start-up. A
      // create kill arms the timer only as a fallback, at the end of the range.
      let timer: NodeJS.Timeout | undefined;
      void spawned.waitFor(cycle === 0 ? 'queued' : 'started').then(() => {
        upAt = Date.now();
        timer = setTimeout(
          () => spawned.child.kill('SIGKILL'),
          afterCreates > 0 ? options.maxDelayMs : delay,
        );
      });
      const exit = await spawned.done;
      clearTimeout(timer);
      workMs = cycle === 0 ? Date.now() - upAt : (workMs * cycle + (Date.now() - upAt)) / (cycle + 1);
      const how = createdJob !== undefined ? `after create ${afterCreates}` : `after ${delay} ms`;
      if (exit.signal !== 'SIGKILL') {
        log(`  cycle ${cycle + 1}: not killed (exit ${exit.code}): the batch finished first`);
        continue;
      }
      killsLanded++;
      const queue = queueAtKill(dbFile, files);
      for (const kind of queue.active) perKind.get(kind)!.midWork++;
      await emu.setFaults({ bandwidth: paceFor(queue.remainingBytes, options.cycles - cycle - 1, workMs) });
      if (createdJob !== undefined) {
        killsAfterCreate++;
        const kind = kindOfJob(dbFile, createdJob);
        if (kind !== undefined) perKind.get(kind)!.afterCreate++;
      }
      if ((cycle + 1) % 10 === 0)
        log(
          `  cycle ${cycle + 1}: killed ${how}; ${killsLanded} kills so far; ${queue.remainingBytes} bytes left`,
        );
    }
    // The rest at full speed; the janitor's retries are given time to empty the ledger.
    await emu.setFaults({ bandwidth: 0, latency: 0 });
    const finalStart = Date.now();
    const last = spawnChild('engine-upload', { ...base, add: false, drainLedgerMs: 60_000 });
    const result = (await last.done).result as
      { jobs: EngineJobResult[]; ledger: { atIdle: LedgerOwed; afterDrain: LedgerOwed } } | undefined;
    const finalRunMs = Date.now() - finalStart;
    const state = await emu.state();
    const none: LedgerOwed = { deletions: -1, intents: -1 };
    const audit = auditMedia(
      files,
      result?.jobs ?? [],
      state,
      await emu.uploads(),
      result?.ledger ?? { atIdle: none, afterDrain: none },
    );
    return {
      seed: options.seed,
      cycles: options.cycles,
      killsLanded,
      killsAfterCreate,
      perKind: [...perKind.values()],
      audit,
      calls: state.calls,
      bytesTotal: files.reduce((n, f) => n + f.size, 0),
      bytesReceived: state.bytesReceived,
      finalRunMs,
      wallMs: Date.now() - started,
    };
  } finally {
    await emu.stop();
  }
}
