import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { ContractHandlers } from '../ipc/dispatcher';

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

export interface AppServices {
  readonly handlers: ContractHandlers;
  onSnapshot(listener: (snapshot: QueueSnapshot) => void): () => void;
  onActivity(listener: (activity: Activity) => void): () => void;
  activity(): Activity;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** Pauses every job cleanly (in-flight requests aborted, parts kept), persists, and closes the database. */
  shutdown(): Promise<void>;
}
