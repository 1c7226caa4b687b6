import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { crc64 } from '../../../electron/core/oss/crc64';
import type { EmulatorState } from '../../emulator/index';
import type { EngineJobResult, LedgerOwed } from '../children/engine-upload';
import type { EmulatorUpload } from './emulator-process';
import type { BenchFile } from './files';

/** Every kind of media the uploader sends, as a user sees them (audio is a video to VOD). */
export const FILE_KINDS = ['video', 'audio', 'image', 'subtitle', 'watermark', 'material'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * One extension per kind, each classified by the app as that kind alone (shared/logic/classify-file.ts):
 * the kind of a file, of a media's object key and of an open upload's key is read from it.
 */
export const KIND_EXTENSION: Readonly<Record<FileKind, string>> = {
  video: 'mp4',
  audio: 'mp3',
  image: 'jpg',
  subtitle: 'srt',
  watermark: 'apng',
  material: 'zip',
};

export function kindOf(nameOrKey: string): FileKind | 'other' {
  const ext = nameOrKey.slice(nameOrKey.lastIndexOf('.') + 1).toLowerCase();
  return FILE_KINDS.find((k) => KIND_EXTENSION[k] === ext) ?? 'other';
}

export interface KindFile extends BenchFile {
  readonly kind: FileKind;
  readonly name: string;
}

/** A file of random bytes (unique content, so its object is recognised by size and CRC-64). */
export function writeKindFile(dir: string, kind: FileKind, index: number, size: number): KindFile {
  const name = `${kind}-${String(index).padStart(4, '0')}.${KIND_EXTENSION[kind]}`;
  const path = `${dir}/${name}`;
  const data = randomBytes(size);
  writeFileSync(path, data);
  return { path, name, size, kind, crc64: crc64(data) };
}

/** One kind's line of the reliability table: what VOD holds for its files once the batch is over. */
export interface KindAudit {
  readonly kind: FileKind | 'other';
  readonly files: number;
  /** Jobs done with the file's CRC-64 on record. */
  readonly doneWithCrc: number;
  /** Files whose job is done and whose media is live in VOD, held by no other job. */
  readonly oneLiveMedia: number;
  /** Objects beyond one per file with the file's size and CRC-64. */
  readonly duplicateObjects: number;
  /** Live media no job holds: created by the uploader and never finished, nor removed. */
  readonly orphanMedia: number;
  /** Live media still in "Uploading" (orphans, or files that never finished). */
  readonly uploading: number;
  /** Multipart uploads left open on this kind's object keys. */
  readonly openUploads: number;
  readonly failed: number;
  readonly stuck: number;
}

export interface MediaAudit {
  readonly kinds: KindAudit[];
  readonly total: KindAudit;
  /** Owed to VOD in the ledger when the engine went idle, and after draining it. */
  readonly ledger: { atIdle: LedgerOwed; afterDrain: LedgerOwed };
  readonly errors: string[];
  /** Every file done, one live media each, no orphan, none Uploading, no open upload, nothing owed. */
  readonly clean: boolean;
}

const TERMINAL = new Set(['done', 'failed', 'canceled', 'source-missing']);

export function auditMedia(
  files: readonly KindFile[],
  jobs: readonly EngineJobResult[],
  state: EmulatorState,
  uploads: readonly EmulatorUpload[],
  ledger: { atIdle: LedgerOwed; afterDrain: LedgerOwed },
): MediaAudit {
  const jobByName = new Map(jobs.map((j) => [j.name, j]));
  const holders = new Map<string, number>();
  for (const j of jobs) if (j.mediaId) holders.set(j.mediaId, (holders.get(j.mediaId) ?? 0) + 1);
  const live = new Map(state.media.map((m) => [m.mediaId, m]));
  const kinds: Array<FileKind | 'other'> = [...FILE_KINDS];
  if (state.media.some((m) => kindOf(m.key) === 'other') || uploads.some((u) => kindOf(u.key) === 'other'))
    kinds.push('other');
  const rows = kinds.map((kind): KindAudit => {
    const mine = files.filter((f) => f.kind === kind);
    let doneWithCrc = 0;
    let oneLiveMedia = 0;
    let duplicateObjects = 0;
    let failed = 0;
    let stuck = 0;
    for (const f of mine) {
      const job = jobByName.get(f.name);
      const objects = state.objects.filter((o) => o.size === f.size && o.crc64 === f.crc64).length;
      duplicateObjects += Math.max(0, objects - 1);
      if (job === undefined) {
        stuck++;
        continue;
      }
      if (job.state === 'failed') failed++;
      if (!TERMINAL.has(job.state)) stuck++;
      if (job.state !== 'done') continue;
      if (job.crc64 === f.crc64) doneWithCrc++;
      if (job.mediaId && live.has(job.mediaId) && holders.get(job.mediaId) === 1) oneLiveMedia++;
    }
    const media = state.media.filter((m) => kindOf(m.key) === kind);
    return {
      kind,
      files: mine.length,
      doneWithCrc,
      oneLiveMedia,
      duplicateObjects,
      orphanMedia: media.filter((m) => !holders.has(m.mediaId)).length,
      uploading: media.filter((m) => m.status === 'Uploading').length,
      openUploads: uploads.filter((u) => kindOf(u.key) === kind).length,
      failed,
      stuck,
    };
  });
  const sum = (key: keyof Omit<KindAudit, 'kind'>) => rows.reduce((n, r) => n + r[key], 0);
  const total: KindAudit = {
    kind: 'other',
    files: sum('files'),
    doneWithCrc: sum('doneWithCrc'),
    oneLiveMedia: sum('oneLiveMedia'),
    duplicateObjects: sum('duplicateObjects'),
    orphanMedia: sum('orphanMedia'),
    uploading: sum('uploading'),
    openUploads: sum('openUploads'),
    failed: sum('failed'),
    stuck: sum('stuck'),
  };
  const owed = ledger.afterDrain.deletions + ledger.afterDrain.intents;
  return {
    kinds: rows,
    total,
    ledger,
    errors: jobs.filter((j) => j.error !== undefined).map((j) => `${j.name}: ${j.error}`),
    clean:
      total.doneWithCrc === total.files &&
      total.oneLiveMedia === total.files &&
      total.duplicateObjects === 0 &&
      total.orphanMedia === 0 &&
      total.uploading === 0 &&
      total.openUploads === 0 &&
      owed === 0,
  };
}
