import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { vodMediaStatus } from '../../../electron/core/app/media-status';
import { crc64 } from '../../../electron/core/oss/crc64';
import { queueJobStore } from '../../../electron/core/engine/queue-job-store';
import {
  createEngine,
  type EngineOptions,
  type UploadEngine,
} from '../../../electron/core/engine/upload-engine';
import type { EngineSettings } from '../../../electron/core/engine/ports';
import type { GrantVault, RemoteMedia } from '../../../electron/core/engine/media-ledger-port';
import { Redactor } from '../../../electron/core/log/redactor';
import { openDatabase, type QueueDatabase } from '../../../electron/core/queue/database';
import type { NewJob } from '../../../electron/core/queue/jobs-repository-port';
import { createQueueStore, type QueueStore } from '../../../electron/core/queue/queue-store';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import { parseEndpoint } from '../../../electron/core/vod/endpoints';
import { VodClient } from '../../../electron/core/vod/vod-client';
import { vodRemoteMedia } from '../../../electron/core/vod/vod-remote-media';
import { VodCredentialService } from '../../../electron/core/vod/vod-credential-service';
import { VodUploadIssuer } from '../../../electron/core/vod/upload-issuer';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { EmulatorConfig } from '../../emulator/index';

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** Small parts keep the suite fast on 2 cores while still exercising many parts per file. */
export const TEST_SETTINGS: EngineSettings = {
  filesAtOnce: 3,
  partsInFlight: 6,
  bandwidthLimit: 0,
  partSize: 256 * KiB,
};

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A file of random bytes; returns its path and CRC-64. */
export function writeRandomFile(dir: string, name: string, size: number): { path: string; crc64: string } {
  const path = join(dir, name);
  const data = randomBytes(size);
  writeFileSync(path, data);
  return { path, crc64: crc64(data) };
}

export function kindOf(name: string): { kind: MediaKind; businessType: AttachedBusinessType | null } {
  if (/\.(jpe?g|png|gif)$/i.test(name)) return { kind: 'image', businessType: null };
  if (/\.(srt|vtt|ass)$/i.test(name)) return { kind: 'attached', businessType: 'subtitle' };
  return { kind: 'video', businessType: null };
}

let seq = 0;

/** A queue row for a file on disk, as the scan would make it. */
export function jobFor(path: string, overrides: Partial<NewJob> = {}): NewJob {
  const info = statSync(path);
  const name = basename(path);
  seq++;
  return {
    id: `job-${process.pid}-${seq}-${name}`,
    path,
    root: '/',
    relativeDir: '',
    name,
    ...kindOf(name),
    size: info.size,
    mtimeMs: info.mtimeMs,
    profileId: null,
    title: name,
    metadata: { titleTemplate: '{name}', tags: [] },
    ...overrides,
  };
}

export function emulatorVod(config: EmulatorConfig): VodClient {
  return new VodClient({
    endpoint: parseEndpoint(config.vodEndpoint),
    regionId: config.regionId,
    credentials: new StaticCredentialSource({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
    }),
    maxAttempts: 8,
  });
}

/** A credential service over the emulator's VOD API (the real VodClient, signatures verified). */
export function emulatorCredentials(config: EmulatorConfig, marginMs?: number): VodCredentialService {
  const issuer = new VodUploadIssuer(emulatorVod(config));
  return new VodCredentialService({
    issuerFor: async () => issuer,
    redactor: new Redactor(),
    ...(marginMs === undefined ? {} : { marginMs }),
  });
}

export interface EngineRig {
  readonly database: QueueDatabase;
  readonly queue: QueueStore;
  readonly engine: UploadEngine;
  close(): Promise<void>;
}

/** A real SQLite queue file with an engine over it. */
export function openRig(
  dbFile: string,
  config: EmulatorConfig,
  options: Partial<EngineOptions> & {
    marginMs?: number;
    remote?: RemoteMedia;
    /** Keeps image and attached-media grants over restarts (secrets/upload-auth-vault.ts). */
    vault?: (db: QueueDatabase['db']) => GrantVault;
  } = {},
): EngineRig {
  const database = openDatabase(dbFile);
  const queue = createQueueStore(database.db);
  queue.jobs.recoverInterruptedJobs({ autoResume: true });
  const vod = emulatorVod(config);
  const engine = createEngine({
    store: queueJobStore(queue),
    credentials: emulatorCredentials(config, options.marginMs),
    mediaStatus: vodMediaStatus(async () => vod),
    media: {
      ledger: queue.ledger,
      remote: options.remote ?? vodRemoteMedia(async () => vod),
      ...(options.vault ? { vault: options.vault(database.db) } : {}),
    },
    settings: TEST_SETTINGS,
    stallTimeoutMs: 2_000,
    requestTimeoutMs: 5_000,
    retry: { backoff: { baseMs: 50, maxMs: 500, minMs: 10 }, maxPartAttempts: 12 },
    // The emulator's HTTPS mode: trust its throwaway certificate, as a user would with NODE_EXTRA_CA_CERTS.
    ...(config.ossCaFile ? { extraCaCertificates: [readFileSync(config.ossCaFile, 'utf8')] } : {}),
    ...options,
  });
  return {
    database,
    queue,
    engine,
    async close() {
      await engine.shutdown();
      database.close();
    },
  };
}

export async function emulatorState(config: EmulatorConfig): Promise<{
  media: { mediaId: string; kind: string; key: string }[];
  objects: { bucket: string; key: string; size: number; crc64: string }[];
  calls: Record<string, number>;
  bytesReceived: number;
}> {
  const res = await fetch(`${config.vodEndpoint}/__emulator/state`);
  return (await res.json()) as Awaited<ReturnType<typeof emulatorState>>;
}

/**
 * The upload policies the engine's integration tests run under: `narrow` (the emulator's default, what VOD's
 * upload SDKs need: no ListParts, HeadObject or GetObject) and `broad` (reads on the own key allowed).
 */
export const POLICIES = ['narrow', 'broad'] as const;
