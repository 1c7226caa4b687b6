import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { AddSummary } from '../../../shared/domain/queue';
import {
  WatchFolderConfigSchema,
  type AfterUpload,
  type FolderRule,
  type WatchFolderConfig,
  type WatchFolderView,
  type WatchState,
} from '../../../shared/domain/watch';
import type { BatchOptions } from '../../../shared/domain/upload-defaults';
import { AppError } from '../base/app-error';
import { nullLogger, type Logger } from '../log/logger';
import type { AddOptions } from '../queue/queue-service';
import type { WatchFolderPatch, WatchFolderStore } from '../queue/watch-folders-repository';
import { describeFsError } from '../scan/fs-errors';
import { FolderWatcher } from './folder-watcher';
import { optionsForFile, type FileOptions } from './folder-rules';

export type { WatchFolderPatch, WatchFolderStore };

export interface AddWatchFolder {
  readonly path: string;
  readonly preset?: string | null;
  readonly options?: BatchOptions;
  readonly rules?: readonly FolderRule[];
  readonly afterUpload?: AfterUpload;
  readonly paused?: boolean;
}

export interface WatchServiceDeps {
  readonly store: WatchFolderStore;
  /** The engine's enqueue intent: scan, the duplicate rule, insert. */
  readonly enqueue: (paths: readonly string[], options: AddOptions) => Promise<AddSummary>;
  /** A preset's options by name; throws (PRESET_NOT_FOUND) when there is none. */
  readonly presetOptions?: (name: string) => BatchOptions;
  /** Size and mtime still for this long makes a file complete (default 5 s). */
  readonly settleMs?: number;
  readonly presenceCheckMs?: number;
  readonly batchSize?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
  readonly newId?: () => string;
}

interface Runtime {
  config: WatchFolderConfig;
  watcher: FolderWatcher | undefined;
  state: WatchState;
  queued: number;
  alreadyKnown: number;
  lastActivityAt: number | null;
  lastError: string | null;
}

/**
 * The watched folders: keeps their configuration in the store, runs a FolderWatcher for each one not paused,
 * and queues complete files through the engine's enqueue intent with the folder's preset (and the rule of
 * the file's sub-folder). What is already uploaded or queued is left out by the queue's duplicate rule, so a
 * catch-up walk after a restart, or a file seen twice, never queues anything twice.
 */
export class WatchService {
  private readonly folders = new Map<string, Runtime>();
  private readonly listeners = new Set<(views: WatchFolderView[]) => void>();
  private readonly logger: Logger;
  private readonly now: () => number;
  private started = false;
  private only: readonly string[] | undefined;

  public constructor(private readonly deps: WatchServiceDeps) {
    this.logger = (deps.logger ?? nullLogger).child({ service: 'watch' });
    this.now = deps.now ?? Date.now;
    const counts = deps.store.counts();
    for (const config of deps.store.list()) {
      const folder = this.runtime(config);
      // The panel's counts go on from where the last run left them (kept in the queue database).
      const kept = counts.get(config.id);
      if (kept !== undefined) {
        folder.queued = kept.queued;
        folder.alreadyKnown = kept.alreadyKnown;
        folder.lastActivityAt = kept.lastQueuedAt;
      }
      this.folders.set(config.id, folder);
    }
  }

  /**
   * Starts watching every folder not paused, or only those in `only` (ids; a CLI run watches the folders it
   * was given). Each one's first walk is its catch-up.
   */
  public async start(options: { only?: readonly string[] } = {}): Promise<void> {
    this.started = true;
    this.only = options.only;
    await Promise.all([...this.folders.values()].map((f) => this.run(f)));
  }

  /** Stops every watcher (hand-overs in progress finish first); the configuration stays. */
  public async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.folders.values()].map((f) => this.halt(f)));
  }

  public list(): WatchFolderView[] {
    return [...this.folders.values()]
      .sort((a, b) => a.config.addedAt - b.config.addedAt)
      .map((f) => this.view(f));
  }

  /** Called with every folder's view whenever one changes state or counts. */
  public onChange(listener: (views: WatchFolderView[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Watches a folder (recursive). Refused: a path that is not a folder, one already watched, or one inside
   * or around a watched folder (its files would be queued twice).
   */
  public async add(input: AddWatchFolder): Promise<WatchFolderView> {
    const path = resolve(input.path);
    if (input.preset) this.presetOf(input.preset);
    try {
      if (!(await stat(path)).isDirectory()) {
        throw new AppError('WATCH_NOT_FOLDER', `${path} is a file; watch the folder it is in instead.`);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('WATCH_NOT_FOLDER', `Cannot watch ${path}: it ${describeFsError(e)}.`);
    }
    for (const other of this.folders.values()) {
      const overlap = overlapOf(path, other.config.path);
      if (overlap !== undefined) throw new AppError('WATCH_OVERLAP', overlap);
    }
    const config = WatchFolderConfigSchema.parse({
      id: (this.deps.newId ?? randomUUID)(),
      path,
      preset: input.preset ?? null,
      options: input.options ?? {},
      paused: input.paused ?? false,
      rules: input.rules ?? [],
      afterUpload: input.afterUpload ?? 'leave',
      addedAt: this.now(),
    });
    this.deps.store.insert(config);
    const folder = this.runtime(config);
    this.folders.set(config.id, folder);
    await this.run(folder);
    this.changed();
    return this.view(folder);
  }

  /** Stops watching a folder and forgets it; its files and their jobs stay. */
  public async remove(id: string): Promise<void> {
    const folder = this.get(id);
    await this.halt(folder);
    this.folders.delete(id);
    this.deps.store.remove(id);
    this.changed();
  }

  public async pause(id: string): Promise<WatchFolderView> {
    return this.update(id, { paused: true });
  }

  /** Watching again starts with a walk, which queues what arrived while paused. */
  public async resume(id: string): Promise<WatchFolderView> {
    return this.update(id, { paused: false });
  }

  public async update(id: string, patch: WatchFolderPatch): Promise<WatchFolderView> {
    const folder = this.get(id);
    if (patch.preset) this.presetOf(patch.preset);
    // A new preset (or none) settles a missing one; run() says so again if it is missing too.
    if (patch.preset !== undefined) folder.lastError = null;
    folder.config = WatchFolderConfigSchema.parse({ ...folder.config, ...patch });
    this.deps.store.update(id, patch);
    await this.halt(folder);
    await this.run(folder);
    this.changed();
    return this.view(folder);
  }

  /** The watched folder a file is in (the innermost never overlaps: nested folders are refused). */
  public folderFor(path: string): WatchFolderConfig | undefined {
    const abs = resolve(path);
    for (const { config } of this.folders.values()) {
      if (abs.startsWith(`${config.path}${sep}`)) return config;
    }
    return undefined;
  }

  /** Something went wrong with a folder's files (an after-upload action): its last error, shown in the panel. */
  public reportError(id: string, message: string): void {
    const folder = this.folders.get(id);
    if (folder === undefined) return;
    folder.lastError = message;
    this.touch(folder);
  }

  /** A preset was deleted: the folders that queue with it say so now, not only when their next file arrives. */
  public presetDeleted(name: string): void {
    for (const folder of this.folders.values()) {
      if (folder.config.preset === name) this.baseOptions(folder);
    }
  }

  /** Looks for complete files in every folder now (tests). */
  public async checkNow(): Promise<void> {
    await Promise.all([...this.folders.values()].flatMap((f) => (f.watcher ? [f.watcher.checkNow()] : [])));
  }

  private get(id: string): Runtime {
    const folder = this.folders.get(id);
    if (folder === undefined) throw new AppError('WATCH_NOT_FOUND', 'That folder is not watched (any more).');
    return folder;
  }

  private runtime(config: WatchFolderConfig): Runtime {
    return {
      config,
      watcher: undefined,
      state: config.paused ? 'paused' : 'starting',
      queued: 0,
      alreadyKnown: 0,
      lastActivityAt: null,
      lastError: null,
    };
  }

  private async run(folder: Runtime): Promise<void> {
    if (!this.started || (this.only !== undefined && !this.only.includes(folder.config.id))) return;
    if (folder.config.paused) {
      this.setState(folder, 'paused', null);
      return;
    }
    // Said at once, not only when a file arrives: the folder is watched but hands nothing over.
    this.baseOptions(folder);
    const watcher = new FolderWatcher({
      root: folder.config.path,
      onComplete: (paths) => this.queue(folder, paths),
      onState: (state, reason) => this.setState(folder, state, reason),
      onSeen: () => this.touch(folder),
      logger: this.logger,
      ...(this.deps.settleMs !== undefined ? { settleMs: this.deps.settleMs } : {}),
      ...(this.deps.presenceCheckMs !== undefined ? { presenceCheckMs: this.deps.presenceCheckMs } : {}),
      ...(this.deps.batchSize !== undefined ? { batchSize: this.deps.batchSize } : {}),
    });
    folder.watcher = watcher;
    await watcher.start();
  }

  private async halt(folder: Runtime): Promise<void> {
    const { watcher } = folder;
    folder.watcher = undefined;
    await watcher?.stop();
  }

  /** Complete files, grouped by the options their sub-folder gives them, through the enqueue intent. */
  private async queue(folder: Runtime, paths: readonly string[]): Promise<void> {
    const base = this.baseOptions(folder);
    if (base === undefined) return;
    const groups = new Map<string, { options: FileOptions; paths: string[] }>();
    for (const path of paths) {
      const options = optionsForFile(folder.config, path, base);
      const key = JSON.stringify(options);
      const group = groups.get(key) ?? { options, paths: [] };
      group.paths.push(path);
      groups.set(key, group);
    }
    for (const { options, paths: batch } of groups.values()) {
      // Relative to the watched folder's parent, as if the folder had been dropped: {folder} names it.
      const summary = await this.deps.enqueue(batch, { ...options, root: dirname(folder.config.path) });
      folder.queued += summary.added;
      folder.alreadyKnown += summary.duplicates.length;
      if (this.folders.get(folder.config.id) === folder) {
        this.deps.store.addCounts(folder.config.id, {
          queued: summary.added,
          alreadyKnown: summary.duplicates.length,
          at: this.now(),
        });
      }
      const refused = summary.skipped[0];
      if (refused !== undefined) folder.lastError = `${refused.path}: ${refused.reason}`;
      this.logger.info('watched files queued', {
        folder: folder.config.path,
        added: summary.added,
        alreadyKnown: summary.duplicates.length,
        skipped: summary.skipped.length,
      });
    }
    this.touch(folder);
  }

  /**
   * The folder's preset under its own options. A preset deleted since is the folder's shown reason and nothing
   * is queued (rather than files going up with another profile or metadata than the person chose); choosing
   * a preset (or none) restarts the folder, whose walk queues the files that waited.
   */
  private baseOptions(folder: Runtime): BatchOptions | undefined {
    const { preset, options } = folder.config;
    if (preset === null) return options;
    try {
      return { ...this.presetOf(preset), ...withoutUndefined(options) };
    } catch (e) {
      const missing = e instanceof AppError && e.code === 'PRESET_NOT_FOUND';
      folder.lastError = missing
        ? `Its preset "${preset}" was deleted: choose a preset (or none) for this folder. Files that arrive wait and are queued once it has one.`
        : e instanceof Error
          ? e.message
          : String(e);
      this.touch(folder);
      return undefined;
    }
  }

  private presetOf(name: string): BatchOptions {
    if (this.deps.presetOptions === undefined) {
      throw new AppError('PRESET_NOT_FOUND', `No preset named "${name}" (presets are not available here).`);
    }
    return this.deps.presetOptions(name);
  }

  private setState(folder: Runtime, state: WatchState, reason: string | null): void {
    if (state === 'offline') folder.lastError = reason;
    else if (folder.state === 'offline') folder.lastError = null;
    folder.state = state;
    this.touch(folder);
  }

  private touch(folder: Runtime): void {
    folder.lastActivityAt = this.now();
    this.changed();
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const views = this.list();
    for (const listener of this.listeners) listener(views);
  }

  private view(folder: Runtime): WatchFolderView {
    return {
      ...folder.config,
      state: folder.state,
      pending: folder.watcher?.pending ?? 0,
      queued: folder.queued,
      alreadyKnown: folder.alreadyKnown,
      lastActivityAt: folder.lastActivityAt,
      lastError: folder.lastError,
    };
  }
}

/** Why `path` cannot be watched beside `other` (the same, inside it, or around it), or undefined. */
function overlapOf(path: string, other: string): string | undefined {
  if (path === other) return `${path} is already watched.`;
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
  };
  if (inside(path, other)) return `${path} is inside ${other}, which is already watched.`;
  if (inside(other, path)) return `${path} holds ${other}, which is already watched; remove that one first.`;
  return undefined;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
