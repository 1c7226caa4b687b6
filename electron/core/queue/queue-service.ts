import { randomUUID } from 'node:crypto';
import type { AddSummary, JobView, QueueTotals, SkippedEntry } from '../../../shared/domain/queue';
import {
  UploadDefaultsSchema,
  type BatchOptions,
  type UploadDefaults,
} from '../../../shared/domain/upload-defaults';
import type { AttachedAs } from '../../../shared/logic/classify-file';
import { renderTitle } from '../../../shared/logic/title-template';
import { scanPaths, type ScanOptions } from '../scan/scan-paths';
import { toJobView } from './job-row';
import type { NewJob } from './jobs-repository';
import type { QueueStore } from './queue-store';

export interface AddOptions extends BatchOptions {
  /** Send files that business type accepts as attached media of that type (see classify-file.ts). */
  readonly attachedAs?: AttachedAs;
  readonly includeHidden?: boolean;
}

export interface QueueServiceDeps {
  readonly store: QueueStore;
  /** A profile's upload defaults (the credentials service); batch options override them. */
  readonly profileDefaults?: (profileId: string) => Partial<UploadDefaults> | undefined;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly scanOptions?: Pick<ScanOptions, 'concurrency'>;
}

export interface QueueService {
  /**
   * Scans the paths, refuses what cannot be uploaded (with reasons), reports files already queued or
   * uploaded (same path, size and mtime) without queuing them again, and inserts the rest at the end of the
   * queue in one transaction.
   */
  addPaths(paths: readonly string[], options?: AddOptions): Promise<AddSummary>;
  /** Every job in queue order, as the renderer shows it, and the totals. */
  list(): { jobs: JobView[]; totals: QueueTotals };
}

export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  return {
    async addPaths(paths, options = {}) {
      const { attachedAs, includeHidden, profileId: batchProfile, ...batchDefaults } = options;
      const scan = await scanPaths(paths, {
        ...deps.scanOptions,
        ...(attachedAs ? { attachedAs } : {}),
        ...(includeHidden ? { includeHidden } : {}),
      });
      const profileId = batchProfile ?? store.settings.get().defaultProfileId ?? null;
      const metadata = UploadDefaultsSchema.parse({
        ...(profileId ? deps.profileDefaults?.(profileId) : undefined),
        ...withoutUndefined(batchDefaults),
      });
      const addedAt = now();
      const duplicates: SkippedEntry[] = [];
      const jobs: NewJob[] = [];
      for (const file of scan.files) {
        const queued = store.jobs.findSameFile(file.path, file.size, file.mtimeMs);
        if (queued) {
          duplicates.push({ path: file.path, reason: `already in the queue (${queued.state})` });
          continue;
        }
        const uploaded = store.history.findSameFile(file.path, file.size, file.mtimeMs);
        if (uploaded) {
          const day = new Date(uploaded.finishedAt).toISOString().slice(0, 10);
          duplicates.push({ path: file.path, reason: `already uploaded as ${uploaded.mediaId} on ${day}` });
          continue;
        }
        jobs.push({
          id: newId(),
          path: file.path,
          root: file.root,
          relativeDir: file.relativeDir,
          name: file.name,
          kind: file.kind,
          businessType: file.businessType,
          size: file.size,
          mtimeMs: file.mtimeMs,
          profileId,
          title: renderTitle(metadata.titleTemplate, {
            fileName: file.name,
            relativeDir: file.relativeDir,
            addedAt,
            mtimeMs: file.mtimeMs,
            index: jobs.length + 1,
          }),
          metadata,
        });
      }
      store.jobs.insertMany(jobs);
      return {
        added: jobs.length,
        bytes: jobs.reduce((sum, j) => sum + j.size, 0),
        skipped: scan.skipped,
        duplicates,
        jobIds: jobs.map((j) => j.id),
      };
    },

    list() {
      return { jobs: store.jobs.list().map(toJobView), totals: store.jobs.totals() };
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
