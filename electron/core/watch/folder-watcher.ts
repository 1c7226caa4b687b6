import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { classifyFile } from '../../../shared/logic/classify-file';
import { describeFsError } from '../scan/fs-errors';
import { FolderClaims } from './folder-claims';
import { junkReason } from '../scan/junk';
import { nullLogger, type Logger } from '../log/logger';
import { SettleTracker } from './settle-tracker';
import { tempFileReason, tempFolderReason } from './temp-names';

/** The folder inside a watched folder where uploaded files are moved (after-upload action "move"). */
export const UPLOADED_FOLDER = 'Uploaded';

export type FolderWatcherState = 'starting' | 'watching' | 'offline';

/**
 * Native watchers drop events when too many arrive at once (Linux: inotify's queue holds 16,384 by default,
 * and a copy makes several per file). After a burst of at least this many events, once it has been quiet for
 * BURST_QUIET_MS, the folder is walked to find what the events missed.
 */
const BURST_EVENTS = 500;
const BURST_QUIET_MS = 2000;
/** A new sub-folder is walked this long after it appears (what was copied into it before it was watched). */
const NEW_FOLDER_WALK_MS = 1000;
/** A safety net: a folder that had any event since its last walk is walked again this often. */
const WALK_EVERY_MS = 10 * 60_000;

export interface FolderWatcherOptions {
  readonly root: string;
  /** Size and mtime still for this long makes a file complete (default 5 s). */
  readonly settleMs?: number;
  /** How often the folder itself is looked for, to notice it go offline and come back (default 3 s). */
  readonly presenceCheckMs?: number;
  /** Complete files per hand-over (default 500). */
  readonly batchSize?: number;
  /** Complete media files, in bounded batches; the next batch waits for this one. */
  readonly onComplete: (paths: string[]) => Promise<void>;
  readonly onState: (state: FolderWatcherState, reason: string | null) => void;
  /** A media file appeared or changed (activity for the panel). */
  readonly onSeen?: () => void;
  readonly logger?: Logger;
}

/**
 * Watches one folder, recursively, with chokidar (native events: inotify, FSEvents, ReadDirectoryChangesW; no
 * polling of the tree). Its first walk reports every file already there, which is the catch-up after a
 * restart (the queue's duplicate rule keeps what is done from going again). Media files that appear or change
 * go to a SettleTracker; temporary names, hidden and system entries, editing applications' cache folders and
 * the `Uploaded` folder are never looked at. The folder itself is looked for every few seconds (one stat):
 * gone or unreadable means offline (watcher closed), back means a new first walk.
 */
export class FolderWatcher {
  private watcher: FSWatcher | undefined;
  private tracker: SettleTracker | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private state: FolderWatcherState | undefined;
  private stopped = false;
  private transition: Promise<void> = Promise.resolve();
  private eventsSinceWalk = 0;
  private quietTimer: NodeJS.Timeout | undefined;
  private walkTimer: NodeJS.Timeout | undefined;
  private walking: Promise<void> | undefined;
  private claims: FolderClaims | undefined;
  private readonly logger: Logger;

  public constructor(private readonly options: FolderWatcherOptions) {
    this.logger = (options.logger ?? nullLogger).child({ watchFolder: options.root });
  }

  /** Starts watching (or reports offline and keeps looking for the folder). */
  public async start(): Promise<void> {
    this.stopped = false;
    await this.checkPresence();
    this.presenceTimer = setInterval(() => void this.checkPresence(), this.options.presenceCheckMs ?? 3000);
    this.presenceTimer.unref?.();
    this.walkTimer = setInterval(() => {
      if (this.eventsSinceWalk > 0) void this.walk();
    }, WALK_EVERY_MS);
    this.walkTimer.unref?.();
  }

  /**
   * Walks the folder (the same entries the watcher looks at) and hands every media file to the tracker: what
   * it already handed over unchanged costs one stat. Finds what a burst of events made the watcher miss.
   */
  public walk(): Promise<void> {
    this.walking ??= this.walkTree().finally(() => (this.walking = undefined));
    return this.walking;
  }

  /** Files seen and not yet complete. */
  public get pending(): number {
    return this.tracker?.size ?? 0;
  }

  /** Stops watching; a hand-over in progress finishes first. */
  public async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.presenceTimer);
    clearInterval(this.walkTimer);
    clearTimeout(this.quietTimer);
    await this.walking;
    await this.serial(() => this.close());
  }

  /** Looks for complete files now (tests; a host that wants no wait). */
  public async checkNow(): Promise<void> {
    await this.tracker?.check();
  }

  private checkPresence(): Promise<void> {
    return this.serial(async () => {
      if (this.stopped) return;
      const problem = await folderProblem(this.options.root);
      if (problem === undefined && this.watcher === undefined) await this.open();
      else if (problem !== undefined && (this.watcher !== undefined || this.state === undefined)) {
        await this.close();
        this.setState('offline', problem);
      }
    });
  }

  /** Opening and closing never overlap (the presence check and stop() both go through here). */
  private serial(step: () => Promise<void>): Promise<void> {
    this.transition = this.transition.then(step, step);
    return this.transition;
  }

  private async open(): Promise<void> {
    const { root } = this.options;
    this.setState('starting', null);
    const tracker = new SettleTracker({
      onComplete: this.options.onComplete,
      onError: (error) => this.logger.warn('queueing watched files failed', { error: String(error) }),
      ...(this.options.settleMs !== undefined ? { settleMs: this.options.settleMs } : {}),
      ...(this.options.batchSize !== undefined ? { batchSize: this.options.batchSize } : {}),
    });
    const uploaded = join(root, UPLOADED_FOLDER);
    const claims = new FolderClaims(root);
    const watcher = watch(root, {
      persistent: true,
      ignoreInitial: false,
      followSymlinks: true,
      ignorePermissionErrors: true,
      ignored: (path: string, stats?: Stats) =>
        path !== root &&
        (path === uploaded ||
          ignoredName(path, stats) ||
          (stats?.isDirectory() === true && !claims.claim(path))),
    });
    const seen = (path: string) => {
      this.countEvent();
      if (classifyFile(basename(path)).kind === null) return;
      tracker.touch(path);
      this.options.onSeen?.();
    };
    watcher.on('add', seen);
    watcher.on('change', seen);
    watcher.on('unlink', (path: string) => tracker.forget(path));
    // A folder created with files already in it (a card copied in) can beat the watch on it: walk it shortly.
    watcher.on('addDir', (path: string) => {
      this.countEvent();
      if (path === root) return;
      const timer = setTimeout(() => void this.walkTree(path).catch(() => undefined), NEW_FOLDER_WALK_MS);
      timer.unref?.();
    });
    watcher.on('error', (error: unknown) => this.logger.warn('watch error', { error: String(error) }));
    this.watcher = watcher;
    this.tracker = tracker;
    this.claims = claims;
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    if (this.watcher === watcher) this.setState('watching', null);
  }

  private countEvent(): void {
    this.eventsSinceWalk++;
    clearTimeout(this.quietTimer);
    if (this.eventsSinceWalk < BURST_EVENTS) return;
    this.quietTimer = setTimeout(() => void this.walk(), BURST_QUIET_MS);
    this.quietTimer.unref?.();
  }

  private async walkTree(from = this.options.root): Promise<void> {
    const { root } = this.options;
    if (from === root) this.eventsSinceWalk = 0;
    const uploaded = join(root, UPLOADED_FOLDER);
    const folders = [from];
    for (let dir = folders.pop(); dir !== undefined && !this.stopped; dir = folders.pop()) {
      const tracker = this.tracker;
      if (tracker === undefined) return;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // gone or unreadable meanwhile: the presence check and the watcher say so
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        const link = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : undefined;
        if (entry.isDirectory() || link?.isDirectory()) {
          if (
            path !== uploaded &&
            junkReason(entry.name, true, false) === undefined &&
            tempFolderReason(entry.name) === undefined &&
            this.claims?.claim(path) !== false
          )
            folders.push(path);
        } else if (
          (entry.isFile() || link?.isFile()) &&
          !ignoredName(path, undefined) &&
          classifyFile(entry.name).kind !== null
        ) {
          tracker.see(path);
        }
      }
    }
  }

  private async close(): Promise<void> {
    const { watcher, tracker } = this;
    this.watcher = undefined;
    this.tracker = undefined;
    this.claims = undefined;
    await watcher?.close();
    await tracker?.stop();
  }

  private setState(state: FolderWatcherState, reason: string | null): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state, reason);
  }
}

/** Why the watched folder cannot be watched now (gone, unplugged, not a folder, unreadable), or undefined. */
async function folderProblem(root: string): Promise<string | undefined> {
  try {
    const st = await stat(root);
    return st.isDirectory() ? undefined : 'not a folder any more';
  } catch (e) {
    return describeFsError(e);
  }
}

/**
 * Entries a watched folder never looks at. chokidar asks first without stats (when it cannot tell a file
 * from a folder yet), then with them: without, any rule applies.
 */
function ignoredName(path: string, stats: Stats | undefined): boolean {
  const name = basename(path);
  const asFolder = () => junkReason(name, true, false) ?? tempFolderReason(name);
  const asFile = () => junkReason(name, false, false) ?? tempFileReason(name);
  if (stats === undefined) return asFolder() !== undefined || asFile() !== undefined;
  return (stats.isDirectory() ? asFolder() : asFile()) !== undefined;
}
