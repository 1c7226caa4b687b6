import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { EngineEvent } from '../../../shared/domain/engine-events';
import type { WatchFolderConfig } from '../../../shared/domain/watch';
import type { Logger } from '../log/logger';
import type { QueueStore } from '../queue/queue-store';
import { uploadsUnder } from '../queue/uploads-under';
import { UPLOADED_FOLDER } from '../watch/folder-watcher';
import type { WatchService } from '../watch/watch-service';

export interface AfterUploadOptions {
  readonly store: QueueStore;
  readonly watch: WatchService;
  readonly onEngineEvent: (listener: (event: EngineEvent) => void) => () => void;
  readonly logger: Logger;
  /** How often folders that delete after upload look for uploads VOD reports Normal (default 30 s; 0: off). */
  readonly sweepEveryMs?: number;
  /** Uploads older than this are not looked at any more (default 7 days). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * What a watched folder does with a file once it is uploaded: nothing ('leave', the default); 'move' it to
 * `Uploaded/` inside the watched folder (same relative path; the watcher never looks there) as soon as the
 * job is done; or 'delete' it, only once VOD reports the media Normal (a video processed; an image or an
 * attached media once uploaded) and only while the file is still the one uploaded (same size and mtime).
 * Failures are the folder's last error; the file stays.
 */
export function startAfterUpload(options: AfterUploadOptions): { stop(): void; sweep(): Promise<void> } {
  const { store, watch, logger } = options;
  const now = options.now ?? Date.now;
  const off = options.onEngineEvent((event) => {
    if (event.type !== 'job-settled' || event.status.state !== 'done') return;
    const path = store.jobs.get(event.jobId)?.path;
    const folder = path === undefined ? undefined : watch.folderFor(path);
    if (path === undefined || folder?.afterUpload !== 'move') return;
    void moveToUploaded(folder, path).catch((error: unknown) => {
      logger.warn('moving an uploaded file failed', { path, error: String(error) });
      watch.reportError(folder.id, `Could not move ${path} to ${UPLOADED_FOLDER}/: ${String(error)}`);
    });
  });

  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    sweeping ??= deleteProcessed().finally(() => (sweeping = undefined));
    return sweeping;
  };
  const every = options.sweepEveryMs ?? 30_000;
  const timer = every > 0 ? setInterval(() => void sweep(), every) : undefined;
  timer?.unref();

  async function deleteProcessed(): Promise<void> {
    const since = now() - (options.maxAgeMs ?? 7 * 24 * 3600_000);
    for (const folder of watch.list().filter((f) => f.afterUpload === 'delete' && !f.paused)) {
      for (const upload of uploadsUnder(store.db, `${folder.path}${sep}`, since)) {
        const processed = upload.kind !== 'video' || upload.vodStatus === 'Normal';
        if (!processed || !(await unchanged(upload.path, upload.size, upload.mtimeMs))) continue;
        try {
          await unlink(upload.path);
          logger.info('deleted an uploaded file VOD reports Normal', {
            path: upload.path,
            mediaId: upload.mediaId,
          });
        } catch (error) {
          watch.reportError(folder.id, `Could not delete ${upload.path}: ${String(error)}`);
        }
      }
    }
  }

  return {
    stop() {
      off();
      clearInterval(timer);
    },
    sweep,
  };
}

/** Moves the file to Uploaded/<its path inside the folder>; a name taken there gets " (2)", " (3)"… */
async function moveToUploaded(folder: WatchFolderConfig, path: string): Promise<void> {
  const target = join(folder.path, UPLOADED_FOLDER, relative(folder.path, path));
  await mkdir(dirname(target), { recursive: true });
  let candidate = target;
  for (let n = 2; await exists(candidate); n++) {
    const dot = target.lastIndexOf('.');
    const slash = target.lastIndexOf(sep);
    candidate = dot > slash ? `${target.slice(0, dot)} (${n})${target.slice(dot)}` : `${target} (${n})`;
  }
  await rename(path, candidate);
}

async function unchanged(path: string, size: number, mtimeMs: number): Promise<boolean> {
  try {
    const st = await stat(path);
    return st.size === size && st.mtimeMs === mtimeMs;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
