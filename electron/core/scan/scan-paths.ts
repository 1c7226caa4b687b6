import { type Dirent, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { SkippedEntry } from '../../../shared/domain/queue';
import { classifyFile, type AttachedAs } from '../../../shared/logic/classify-file';
import { describeFsError } from './fs-errors';
import { junkReason } from './junk';
import { readableCheck, statEach } from './stat-each';

export interface ScanOptions {
  /** Include dot-files and dot-folders (system litter such as .DS_Store is still skipped). Default false. */
  readonly includeHidden?: boolean;
  /** Treat files a business type accepts as attached media of that type (see classify-file.ts). */
  readonly attachedAs?: AttachedAs;
  /** File stats in flight at once. Default 64. */
  readonly concurrency?: number;
  /** The folder `root` and `relativeDir` are taken from (a watched folder's parent); default each path's parent. */
  readonly root?: string;
}

/** A file to upload, as found on disk. */
export interface ScannedFile {
  readonly path: string;
  /** The folder the drop is relative to: the parent of the dropped file or folder. */
  readonly root: string;
  /** The file's folder relative to `root`, '/'-separated ('' for a file dropped on its own). */
  readonly relativeDir: string;
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | null;
}

export interface ScanResult {
  /** In drop order; within a folder its files first (natural name order), then its sub-folders. */
  readonly files: ScannedFile[];
  /** Every file or folder left out, with why. A skipped folder is listed once, not file by file. */
  readonly skipped: SkippedEntry[];
}

/** The reason given for a file reached a second time in one batch (a link, or a file and its folder). */
export const IN_BATCH_REASON = 'already in this batch';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Expands dropped files and folders (recursively) into the files VOD can take. Reads metadata only (one stat
 * per file; readability from its mode bits, see stat-each.ts), never file contents, so adding thousands of
 * files is fast; the fingerprint is taken when an upload starts (fingerprint.ts). Refused with a reason: junk and hidden entries, types VOD does not take,
 * empty files, unreadable files, broken links, link loops, the same file reached twice.
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const walker = new Walker(options);
  for (const input of paths) await walker.top(resolve(input));
  return { files: walker.files, skipped: walker.skipped };
}

class Walker {
  public readonly files: ScannedFile[] = [];
  public readonly skipped: SkippedEntry[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Map<string, string>();
  private readonly includeHidden: boolean;
  private readonly concurrency: number;
  private readonly readable = readableCheck();

  public constructor(private readonly options: ScanOptions) {
    this.includeHidden = options.includeHidden ?? false;
    this.concurrency = Math.max(1, options.concurrency ?? 64);
  }

  public async top(path: string) {
    let st: Stats;
    try {
      st = await stat(path);
    } catch (e) {
      this.skip(path, describeFsError(e));
      return;
    }
    const root = this.options.root !== undefined ? resolve(this.options.root) : dirname(path);
    if (st.isDirectory()) {
      // A folder dropped on purpose is scanned even if hidden; only system folders are refused.
      const junk = junkReason(basename(path), true, true);
      if (junk) this.skip(path, junk);
      else await this.walk(path, root, []);
    } else {
      const junk = junkReason(basename(path), false, true);
      if (junk) this.skip(path, junk);
      else await this.addFile(path, root, st);
    }
  }

  private async walk(dir: string, root: string, ancestors: readonly string[]) {
    const id = await dirId(dir);
    if (id !== undefined) {
      if (ancestors.includes(id)) {
        this.skip(dir, 'symbolic link loop (a link to one of its own parent folders)');
        return;
      }
      const first = this.seenDirs.get(id);
      if (first !== undefined) {
        this.skip(dir, `same folder as ${first}, already included`);
        return;
      }
      this.seenDirs.set(id, dir);
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      this.skip(dir, describeFsError(e));
      return;
    }
    entries.sort((a, b) => collator.compare(a.name, b.name));

    // Stat every candidate file of this folder (in bounded parallel), then recurse into folders in order.
    const candidates: { path: string; stats?: Stats; error?: unknown }[] = [];
    const folders: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const junk = junkReason(entry.name, true, this.includeHidden);
        if (junk) this.skip(path, junk);
        else folders.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        candidates.push({ path });
      } else {
        this.skip(path, 'not a regular file (device, pipe or socket)');
      }
    }
    const stats = await statEach(
      candidates.map((c) => c.path),
      this.concurrency,
    );
    candidates.forEach((c, i) => {
      const st = stats[i];
      if (st instanceof Error) c.error = st;
      else c.stats = st;
    });
    for (const c of candidates) {
      const name = basename(c.path);
      if (c.error !== undefined) {
        const code = (c.error as { code?: unknown }).code;
        this.skip(
          c.path,
          code === 'ENOENT' ? 'broken link, or removed while scanning' : describeFsError(c.error),
        );
      } else if (c.stats?.isDirectory()) {
        // a symbolic link to a folder
        const junk = junkReason(name, true, this.includeHidden);
        if (junk) this.skip(c.path, junk);
        else folders.push(c.path);
      } else if (c.stats) {
        const junk = junkReason(name, false, this.includeHidden);
        if (junk) this.skip(c.path, junk);
        else await this.addFile(c.path, root, c.stats);
      }
    }
    const chain = id === undefined ? ancestors : [...ancestors, id];
    for (const folder of folders.sort((a, b) => collator.compare(a, b))) await this.walk(folder, root, chain);
  }

  private async addFile(path: string, root: string, st: Stats) {
    if (!st.isFile()) {
      this.skip(path, 'not a regular file (device, pipe or socket)');
      return;
    }
    const name = basename(path);
    const kind = classifyFile(name, this.options.attachedAs);
    if (kind.kind === null) {
      this.skip(path, kind.reason);
      return;
    }
    if (st.size === 0) {
      this.skip(path, 'empty file (0 bytes)');
      return;
    }
    // The same file through two paths (a link, or a file and its folder both dropped) is uploaded once.
    const id = Number.isSafeInteger(st.ino) && st.ino !== 0 ? `${st.dev}:${st.ino}` : path;
    if (this.seenFiles.has(id) || this.seenFiles.has(path)) {
      this.skip(path, IN_BATCH_REASON);
      return;
    }
    const unreadable = await this.readable(path, st);
    if (unreadable !== null) {
      this.skip(path, describeFsError(unreadable));
      return;
    }
    this.seenFiles.add(id);
    this.seenFiles.add(path);
    this.files.push({
      path,
      root,
      relativeDir: relative(root, dirname(path)).split(sep).join('/'),
      name,
      size: st.size,
      mtimeMs: st.mtimeMs,
      kind: kind.kind,
      businessType: kind.businessType,
    });
  }

  private skip(path: string, reason: string) {
    this.skipped.push({ path, reason });
  }
}

/** Device and inode of a folder (bigint, exact on every platform), or undefined when it cannot be read. */
async function dirId(dir: string): Promise<string | undefined> {
  try {
    const st = await stat(dir, { bigint: true });
    return st.ino === 0n ? undefined : `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}
