import type { EngineEventListener } from '../../../shared/domain/engine-events';
import type { MediaKind } from '../../../shared/domain/media-kind';
import type { ConnectionVerdict } from '../../../shared/domain/profile';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { Settings } from '../../../shared/domain/settings';
import type { WatchFolderView } from '../../../shared/domain/watch';

/** The transfer limits a headless run may set for itself (the CLI's --files, --parts, --part-size, --limit-rate). */
export type RunLimits = Partial<
  Pick<Settings, 'filesAtOnce' | 'partsInFlight' | 'partSize' | 'bandwidthLimit'>
>;
import type { ContractHandlers } from '../ipc/dispatcher';
import type { TeamWorkerControl } from './team-bridge';

/**
 * What a host (the Electron shell, the browser host, tests) gets from the composition root: the contract's
 * handlers plus the few hooks a desktop shell needs (progress for the taskbar and tray, power-save, quit).
 * Nothing here imports 'electron'; the shell adapts it.
 */

/** Coarse activity for taskbar progress, tray, power-save blocker and quit confirmation. */
export interface Activity {
  /** Jobs the engine is working on now (preparing, uploading, retrying, verifying). */
  readonly active: number;
  /** Jobs waiting to start. */
  readonly queued: number;
  readonly paused: number;
  readonly failed: number;
  /** Overall progress of unfinished work in [0, 1], or null when there is none. */
  readonly progress: number | null;
}

/** Native affordances the core cannot provide itself (dialogs, the file manager). */
export interface DesktopHooks {
  openFiles(): Promise<string[]>;
  openFolder(): Promise<string[]>;
  showInFolder(path: string): Promise<void>;
}

/**
 * The front door for every host: the contract's handlers (the renderer's whole API, and the CLI's), plus
 * what a host that is not a renderer needs. Nothing behind it (the store, the engine) is handed out.
 */
export interface AppServices {
  readonly handlers: ContractHandlers;
  /** The team worker's controls, when the host was created with `team` (the CLI's `worker`). */
  readonly team?: TeamWorkerControl | undefined;
  /** Throttled snapshots of the queue (the numbers: bytes, speed, ETA, totals). */
  onSnapshot(listener: (snapshot: QueueSnapshot) => void): () => void;
  /** What happens to jobs, one typed event per fact, in order (shared/domain/engine-events.ts). */
  onEngineEvent(listener: EngineEventListener): () => void;
  /**
   * Starts uploading (hosts created with autoStart: false): every queued job, or only those in `only` (a
   * CLI run sends exactly the files it was given; other queued jobs stay queued, untouched).
   */
  startUploads(options?: { only?: readonly string[] }): void;
  /**
   * Limits for this process's engine only, until it shuts down: the stored settings (the app's) are not
   * touched, so a run that is killed leaves nothing changed behind it.
   */
  applyRunLimits(limits: RunLimits): void;
  /** Resolves when no job is running and none (of the started scope) is waiting. */
  whenIdle(): Promise<void>;
  /**
   * Starts nothing new and lets the parts in flight finish and be recorded (at most `timeoutMs`, then they
   * are aborted); the jobs stay queued. Resolves once no job runs, with the jobs cut off at the timeout
   * (UploadEngine.drain). A host's SIGTERM: shutdown() after it.
   */
  drainUploads(options?: { timeoutMs?: number }): Promise<{ cutOff: readonly string[] }>;
  /**
   * Proves a profile can sign uploads here before anything is queued: its secret decrypts (a desktop
   * profile's keychain secret cannot be read headless). Throws the AppError that says why not.
   */
  checkProfileUsable(profileId: string): Promise<void>;
  /**
   * The connection test (the same probe and verdicts as "Test connection") for the credentials jobs of
   * `profileId` are signed with (null: the default profile, else the host's fallback credentials), so a host
   * can refuse a run with a wrong key or a dead endpoint before anything is queued.
   */
  testCredentials(profileId: string | null): Promise<ConnectionVerdict>;
  /**
   * VOD's processing status of uploads, asked now (and recorded in the history): those named by media id or
   * source path, or with none named every video of the last 3 days still processing.
   */
  vodStatus(
    mediaIdsOrPaths: readonly string[],
  ): Promise<{ mediaId: string; path: string; kind: MediaKind; status: string | null }[]>;
  /** Every watched folder, whenever one changes state or counts. */
  onWatchChange(listener: (folders: WatchFolderView[]) => void): () => void;
  /**
   * Starts the watched folders, or only those in `only` (ids), for hosts created with autoStart: false (the
   * others watch every folder from the start). Each folder's first walk is its catch-up: files added while
   * nothing watched are queued, what is done is not. Resolves once each has made its first walk.
   */
  startWatching(options?: { only?: readonly string[] }): Promise<void>;
  onActivity(listener: (activity: Activity) => void): () => void;
  activity(): Activity;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** Pauses every job cleanly (in-flight requests aborted, parts kept), persists, and closes the database. */
  shutdown(): Promise<void>;
}
