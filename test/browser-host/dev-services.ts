/**
 * DEV ONLY: an in-memory stand-in for AppServices (UI development, the 10,000-row render test); uploads are
 * simulated with timers, nothing talks to VOD. The e2e upload flow never uses it (it runs the real services).
 */
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Activity, AppServices, DesktopHooks } from '../../electron/core/app/app-services';
import { AppError } from '../../electron/core/base/app-error';
import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { HistoryRow } from '../../shared/domain/history';
import type { JobStatus } from '../../shared/domain/job-status';
import type { MediaKind } from '../../shared/domain/media-kind';
import type { ProfileSummary } from '../../shared/domain/profile';
import {
  emptyAddSummary,
  type JobView,
  type QueueSnapshot,
  type QueueTotals,
} from '../../shared/domain/queue';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { devHistoryHandlers } from './dev-history';
import { computeActivity, devPresetHandlers } from './dev-presets';
import { devUrlHandlers } from './dev-urls';
import { devWatchHandlers } from './dev-watch';
import { devTeamHandlers } from './dev-team';
import type { WatchFolderView } from '../../shared/domain/watch';
import { devCleanupHandlers, devProfileHandlers } from './dev-profiles';
import { pageOf } from './dev-page';

const KINDS: Record<string, MediaKind> = {
  '.mp4': 'video',
  '.mov': 'video',
  '.mxf': 'video',
  '.mkv': 'video',
  '.avi': 'video',
  '.flv': 'video',
  '.mp3': 'video',
  '.wav': 'video',
  '.m4a': 'video',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.gif': 'image',
  '.srt': 'attached',
  '.vtt': 'attached',
};

export interface DevServicesOptions {
  readonly desktop?: Partial<DesktopHooks>;
  /** Simulated bytes per second per file (default 8 MiB/s). */
  readonly bytesPerSecond?: number;
  /** Snapshot interval in ms (default 100, the contract's "at most 10 a second"). */
  readonly tickMs?: number;
  /** Paths held for the renderer, as the desktop shell holds those of a launch with files (answered once). */
  readonly pendingPaths?: readonly string[];
}

export interface DevServices extends AppServices {
  /** Adds `count` synthetic queued rows without touching the disk (render tests). */
  seed(count: number, state?: JobStatus['state']): void;
}

export function createDevServices(options: DevServicesOptions = {}): DevServices {
  const speed = options.bytesPerSecond ?? 8 * 1024 * 1024;
  const tickMs = options.tickMs ?? 100;
  let pendingPaths = options.pendingPaths ?? [];
  const jobs = new Map<string, JobView>();
  const dirty = new Set<string>();
  const removed = new Set<string>();
  const history: HistoryRow[] = [];
  const profiles = new Map<string, ProfileSummary>();
  const snapshotListeners = new Set<(s: QueueSnapshot) => void>();
  const activityListeners = new Set<(a: Activity) => void>();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let seq = 0;
  let nextPosition = 1;

  const update = (id: string, patch: Partial<JobView>) => {
    const job = jobs.get(id);
    if (!job) return;
    jobs.set(id, { ...job, ...patch });
    dirty.add(id);
  };
  const setStatus = (id: string, status: JobStatus) => update(id, { status, speed: 0, etaSeconds: null });

  const totals = (): QueueTotals => {
    const counts: Record<string, number> = {};
    let bytesTotal = 0;
    let bytesDone = 0;
    let active = 0;
    let speedSum = 0;
    for (const job of jobs.values()) {
      counts[job.status.state] = (counts[job.status.state] ?? 0) + 1;
      if (job.status.state === 'canceled') continue;
      bytesTotal += job.size;
      bytesDone += job.bytesDone;
      if (['preparing', 'uploading', 'retrying', 'verifying'].includes(job.status.state)) active += 1;
      speedSum += job.speed;
    }
    const left = bytesTotal - bytesDone;
    return {
      jobs: jobs.size,
      active,
      bytesTotal,
      bytesDone,
      speed: speedSum,
      etaSeconds: active > 0 && speedSum > 0 ? left / speedSum : null,
      counts,
    };
  };

  const emit = (full: boolean) => {
    if (!full && dirty.size === 0 && removed.size === 0) return;
    const changed = full ? [...jobs.values()] : [...dirty].flatMap((id) => jobs.get(id) ?? []);
    const snapshot: QueueSnapshot = {
      seq: ++seq,
      full,
      totals: totals(),
      changed,
      removed: full ? [] : [...removed],
    };
    dirty.clear();
    removed.clear();
    for (const listener of snapshotListeners) listener(snapshot);
    const activity = computeActivity(snapshot.totals);
    for (const listener of activityListeners) listener(activity);
  };

  const tick = () => {
    const running = [...jobs.values()].filter(
      (j) => j.status.state === 'uploading' || j.status.state === 'preparing',
    );
    let slots = settings.filesAtOnce - running.length;
    const queued = [...jobs.values()]
      .filter((j) => j.status.state === 'queued')
      .sort((a, b) => a.position - b.position);
    for (const job of queued) {
      if (slots-- <= 0) break;
      update(job.id, { status: { state: 'uploading' }, mediaId: job.mediaId ?? fakeId() });
    }
    for (const job of jobs.values()) {
      if (job.status.state !== 'uploading') continue;
      const done = Math.min(job.size, job.bytesDone + Math.round((speed * tickMs) / 1000));
      if (done >= job.size) {
        const mediaId = job.mediaId ?? fakeId();
        update(job.id, {
          bytesDone: job.size,
          speed: 0,
          etaSeconds: null,
          status: { state: 'done', mediaId },
        });
        history.unshift({
          id: randomUUID(),
          mediaId,
          kind: job.kind,
          title: job.title,
          path: job.path,
          name: job.name,
          size: job.size,
          profileId: job.profileId,
          tags: [],
          profileName: job.profileId ? (profiles.get(job.profileId)?.name ?? null) : null,
          finishedAt: Date.now(),
          vodStatus: 'Normal',
          crc64: null,
          relativeDir: job.relativeDir,
          duration: job.kind === 'video' ? 12.5 : null,
          coverUrl: null,
        });
      } else {
        update(job.id, { bytesDone: done, speed, etaSeconds: (job.size - done) / speed });
      }
    }
    emit(false);
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();

  const addJob = (
    path: string,
    size: number,
    relativeDir: string,
    profileId: string | null,
    titleTemplate: string,
    addedAt = Date.now(),
  ) => {
    const id = randomUUID();
    const name = basename(path);
    const job: JobView = {
      id,
      path,
      name,
      relativeDir,
      kind: KINDS[extname(name).toLowerCase()] ?? 'video',
      size,
      bytesDone: 0,
      speed: 0,
      etaSeconds: null,
      status: { state: 'queued' },
      mediaId: null,
      profileId,
      title: titleTemplate.replace('{name}', name.replace(/\.[^.]+$/, '')),
      position: nextPosition++,
      addedAt,
      retryCount: 0,
      lastError: null,
    };
    jobs.set(id, job);
    dirty.add(id);
    return id;
  };
  const ids = (list: readonly string[]) => list.filter((id) => jobs.has(id));
  /** An intent carried out: a snapshot goes out, and the caller gets the contract's `{ ok: true }`. */
  const changed = () => {
    emit(false);
    return { ok: true } as const;
  };

  const watchListeners = new Set<(folders: WatchFolderView[]) => void>();
  const handlers: ContractHandlers = {
    ...devUrlHandlers(addJob, emit),
    ...devCleanupHandlers(),
    'queue:add': async ({ paths, options: batch }) => {
      const summary = emptyAddSummary();
      const known = new Set([...jobs.values()].map((j) => j.path));
      // One add time per drop, as the real queue does: the renderer groups a drop's rows by it.
      const addedAt = Date.now();
      const visit = async (path: string, root: string) => {
        const info = await stat(path).catch(() => null);
        if (!info) return void summary.skipped.push({ path, reason: 'not found' });
        if (info.isDirectory()) {
          for (const entry of (await readdir(path)).sort()) await visit(join(path, entry), root);
          return;
        }
        const name = basename(path);
        if (name.startsWith('.')) return void summary.skipped.push({ path, reason: 'hidden file' });
        if (!KINDS[extname(name).toLowerCase()])
          return void summary.skipped.push({ path, reason: 'unsupported extension' });
        if (info.size === 0) return void summary.skipped.push({ path, reason: 'empty file' });
        if (known.has(path)) return void summary.duplicates.push({ path, reason: 'already in the queue' });
        // Relative to the dropped folder's parent, so it starts with the folder's name (as scan-paths does).
        const rel = root === path ? '' : relative(dirname(root), dirname(path));
        summary.jobIds.push(
          addJob(path, info.size, rel, batch.profileId ?? null, batch.titleTemplate ?? '{name}', addedAt),
        );
        summary.added += 1;
        summary.bytes += info.size;
      };
      for (const path of paths) {
        const info = await stat(path).catch(() => null);
        await visit(path, info?.isDirectory() ? dirname(path) : path);
      }
      emit(false);
      return summary;
    },
    'queue:list': ({ limit, after }) => ({ ...pageOf(jobs.values(), limit, after), totals: totals() }),
    'queue:pause': ({ ids: list }) => {
      for (const id of ids(list)) setStatus(id, { state: 'paused' });
      return changed();
    },
    'queue:resume': ({ ids: list }) => {
      for (const id of ids(list))
        if (jobs.get(id)?.status.state === 'paused') setStatus(id, { state: 'queued' });
      return changed();
    },
    'queue:cancel': ({ ids: list }) => {
      for (const id of ids(list)) setStatus(id, { state: 'canceled' });
      return changed();
    },
    'queue:retry': ({ ids: list }) => {
      for (const id of ids(list)) {
        const job = jobs.get(id);
        if (job) update(id, { status: { state: 'queued' }, retryCount: job.retryCount + 1 });
      }
      return changed();
    },
    'queue:upload-again': async ({ ids: list }) => {
      const paths = ids(list).map((id) => jobs.get(id)!.path);
      await handlers['queue:remove']({ ids: list });
      return paths.length ? handlers['queue:add']({ paths, options: {}, force: true }) : emptyAddSummary();
    },
    'queue:remove': ({ ids: list }) => {
      for (const id of ids(list)) {
        jobs.delete(id);
        dirty.delete(id);
        removed.add(id);
      }
      return changed();
    },
    'queue:reorder': ({ ids: list, position }) => {
      const sorted = [...jobs.values()].map((j) => j.position);
      let edge = position === 'top' ? Math.min(0, ...sorted) : Math.max(0, ...sorted);
      for (const id of ids(list)) update(id, { position: position === 'top' ? --edge : ++edge });
      return changed();
    },
    'queue:pause-all': () => {
      for (const job of jobs.values())
        if (['queued', 'uploading', 'preparing', 'retrying'].includes(job.status.state))
          setStatus(job.id, { state: 'paused' });
      return changed();
    },
    'queue:resume-all': () => {
      for (const job of jobs.values())
        if (job.status.state === 'paused') setStatus(job.id, { state: 'queued' });
      return changed();
    },
    'queue:retry-failed': () => {
      for (const job of jobs.values())
        if (job.status.state === 'failed')
          update(job.id, { status: { state: 'queued' }, retryCount: job.retryCount + 1 });
      return changed();
    },
    'queue:clear-finished': () => {
      for (const job of [...jobs.values()]) {
        if (job.status.state === 'done' || job.status.state === 'canceled') {
          jobs.delete(job.id);
          removed.add(job.id);
        }
      }
      return changed();
    },
    ...devHistoryHandlers(history),
    ...devProfileHandlers(profiles),
    ...devPresetHandlers(),
    ...devTeamHandlers(),
    ...devWatchHandlers((folders) => {
      for (const listener of watchListeners) listener(folders);
    }),
    'settings:get': () => settings,
    'settings:set': (patch) => {
      settings = { ...settings, ...patch };
      return settings;
    },
    'dialog:open-files': async () => ({ paths: (await options.desktop?.openFiles?.()) ?? [] }),
    'dialog:open-folder': async () => ({ paths: (await options.desktop?.openFolder?.()) ?? [] }),
    'shell:show-in-folder': async ({ path }) => {
      if (!options.desktop?.showInFolder)
        throw new AppError<string>('NOT_AVAILABLE', `No file manager in the browser host (${path})`);
      await options.desktop.showInFolder(path);
      return { ok: true };
    },
    'app:pending-paths': () => {
      const paths = [...pendingPaths];
      pendingPaths = [];
      return { paths };
    },
  };

  return {
    handlers,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onActivity(listener) {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
    activity: () => computeActivity(totals()),
    // The preview drives the UI, which reads snapshots only; the headless hooks have nothing to do here.
    onEngineEvent: () => () => undefined,
    onWatchChange(listener) {
      watchListeners.add(listener);
      return () => watchListeners.delete(listener);
    },
    startWatching: () => Promise.resolve(),
    startUploads: () => undefined,
    applyRunLimits: () => undefined,
    whenIdle: () => Promise.resolve(),
    drainUploads: () => Promise.resolve({ cutOff: [] }),
    checkProfileUsable: () => Promise.resolve(),
    testCredentials: () => Promise.resolve({ verdict: 'ok' as const, message: 'Connected.' }),
    vodStatus: () => Promise.resolve([]),
    pauseAll: async () => void (await handlers['queue:pause-all']({})),
    resumeAll: async () => void (await handlers['queue:resume-all']({})),
    shutdown: async () => clearInterval(timer),
    seed(count, state = 'queued') {
      const addedAt = Date.now();
      for (let i = 0; i < count; i++) {
        const id = addJob(
          `/dev/seed/folder-${Math.floor(i / 100)}/clip-${String(i).padStart(5, '0')}.mp4`,
          ((i % 50) + 1) * 1024 * 1024,
          `folder-${Math.floor(i / 100)}`,
          null,
          '{name}',
          addedAt,
        );
        if (state !== 'queued')
          update(id, { status: state === 'done' ? { state, mediaId: fakeId() } : ({ state } as JobStatus) });
      }
      emit(true);
    },
  };
}

function fakeId(): string {
  return randomUUID().replace(/-/g, '');
}
