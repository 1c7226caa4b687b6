import { randomUUID } from 'node:crypto';
import type {
  AddSummary,
  EarlierCopy,
  JobView,
  QueueTotals,
  SkippedEntry,
} from '../../../shared/domain/queue';
import {
  UploadDefaultsSchema,
  type BatchOptions,
  type UploadDefaults,
} from '../../../shared/domain/upload-defaults';
import type { AttachedAs } from '../../../shared/logic/classify-file';
import { renderTitle } from '../../../shared/logic/title-template';
import { scanPaths, type ScanOptions, type ScanResult } from '../scan/scan-paths';
import {
  batchDestination,
  describeEarlierCopy,
  findEarlierCopy,
  fingerprintsForCandidates,
  type Destination,
} from './duplicate-check';
import type { QueueCursor } from './job-views';
import type { NewJob } from './jobs-repository-port';
import type { QueueStore } from './queue-store';

export interface AddOptions extends BatchOptions {
  readonly includeHidden?: boolean;
  /** Queue files even when they are already uploaded to this destination ("Upload again", `--force`). */
  readonly force?: boolean;
  /** The folder relative paths are taken from (a watched folder's parent); else each dropped path's parent. */
  readonly root?: string;
  /** Tags added to the batch's (or the profile's) own, e.g. by a watched folder's sub-folder rule. */
  readonly extraTags?: readonly string[];
}

export interface QueueServiceDeps {
  readonly store: QueueStore;
  /** A profile's upload defaults (the credentials service); batch options override them. */
  readonly profileDefaults?: (profileId: string) => Partial<UploadDefaults> | undefined;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly scanOptions?: Pick<ScanOptions, 'concurrency'>;
  /**
   * Where jobs of a profile (null: no profile, the host's fallback credentials) go, for duplicate checks per
   * destination. Without it every job has no destination, and duplicates are checked across all of them.
   */
  readonly destinationFor?: (profileId: string | null) => Promise<Destination | null>;
}

/** A scan of dropped paths with the options it was asked with, waiting for `decide`. */
export interface ScanForAdd {
  readonly scan: ScanResult;
  readonly options: AddOptions;
  readonly destination: Destination | null;
  /** Fingerprints of the files that may have an earlier copy (duplicate-check.ts). */
  readonly fingerprints: ReadonlyMap<string, string>;
}

/**
 * The queue's intake and its read side. Adding is two steps so that the engine, which alone writes job rows,
 * inserts what was decided: `scan` walks the paths and refuses what cannot be uploaded (with reasons);
 * `decide` reports files already uploaded to the same destination or already queued for it (same content:
 * size, mtime and fingerprint, whatever the path) and builds the rows for the rest, synchronously, so no other add can slip in between the duplicate check and the insert.
 */
export interface QueueService {
  scan(paths: readonly string[], options?: AddOptions): Promise<ScanForAdd>;
  decide(scanned: ScanForAdd): { jobs: NewJob[]; summary: AddSummary };
  /** Every job in queue order (or a page: see job-views.ts), as the renderer shows it, and the totals. */
  list(page?: { limit?: number; after?: QueueCursor }): {
    jobs: JobView[];
    totals: QueueTotals;
    more: boolean;
  };
}

export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  return {
    async scan(paths, options = {}) {
      const { includeHidden, root } = options;
      const { profileId, metadata } = batchOf(options);
      // The batch's or else the profile's choice: a profile for watermarks sends its pngs as watermarks.
      const attachedAs: AttachedAs | undefined = metadata.attachedAs;
      const scan = await scanPaths(paths, {
        ...deps.scanOptions,
        ...(attachedAs ? { attachedAs } : {}),
        ...(includeHidden ? { includeHidden } : {}),
        ...(root !== undefined ? { root } : {}),
      });
      const destination = batchDestination(
        deps.destinationFor ? await deps.destinationFor(profileId) : null,
        metadata,
      );
      const fingerprints = await fingerprintsForCandidates(store, scan.files, destination?.key ?? null);
      return { scan, options, destination, fingerprints };
    },

    decide({ scan, options, destination, fingerprints }) {
      const { profileId, metadata } = batchOf(options);
      const addedAt = now();
      const duplicates: SkippedEntry[] = [];
      const earlier: EarlierCopy[] = [];
      const jobs: NewJob[] = [];
      const index = store.sameContent(scan.files, destination?.key ?? null);
      for (const file of scan.files) {
        const copy = findEarlierCopy(index, file, destination, fingerprints, options.force === true);
        if (copy) {
          earlier.push(copy);
          duplicates.push({ path: file.path, reason: describeEarlierCopy(copy) });
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
          fingerprint: fingerprints.get(file.path) ?? null,
          destination: destination?.key ?? null,
          destinationLabel: destination?.label ?? null,
        });
      }
      const summary: AddSummary = {
        added: jobs.length,
        bytes: jobs.reduce((sum, j) => sum + j.size, 0),
        skipped: scan.skipped,
        duplicates,
        jobIds: jobs.map((j) => j.id),
        earlier,
      };
      return { jobs, summary };
    },

    list(page = {}) {
      const { jobs, more } =
        page.limit === undefined
          ? { jobs: store.views.all(), more: false }
          : store.views.page(page.limit, page.after);
      return { jobs, totals: store.jobs.totals(), more };
    },
  };

  function batchOf(options: AddOptions): { profileId: string | null; metadata: UploadDefaults } {
    return resolveBatch(deps, options);
  }
}

/** The batch's profile (its own, else the default) and metadata (the profile's defaults, then its own). */
export function resolveBatch(
  deps: Pick<QueueServiceDeps, 'store' | 'profileDefaults'>,
  options: AddOptions,
): { profileId: string | null; metadata: UploadDefaults } {
  const {
    includeHidden: _includeHidden,
    force: _force,
    root: _root,
    extraTags,
    profileId: batchProfile,
    ...batchDefaults
  } = options;
  const profileId = batchProfile ?? deps.store.settings.get().defaultProfileId ?? null;
  const metadata = UploadDefaultsSchema.parse({
    ...(profileId ? deps.profileDefaults?.(profileId) : undefined),
    ...withoutUndefined(batchDefaults),
  });
  if (extraTags === undefined || extraTags.length === 0) return { profileId, metadata };
  // VOD takes at most 16 tags: the batch's own come first.
  const tags = [...new Set([...metadata.tags, ...extraTags])].slice(0, 16);
  return { profileId, metadata: { ...metadata, tags } };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
