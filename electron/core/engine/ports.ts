import type { JobStatus } from '../../../shared/domain/job-status';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { AddSummary, JobView, QueueTotals } from '../../../shared/domain/queue';
import type { UploadDefaults } from '../../../shared/domain/upload-defaults';
import type { JobState } from '../../../shared/domain/job-status';
import type { AddOptions, ScanForAdd } from '../queue/queue-service';
import type { NewJob } from '../queue/jobs-repository-port';

/**
 * The narrow ports the engine needs. The queue's repositories (electron/core/queue) satisfy them through a
 * thin adapter (queue-job-store.ts); unit tests use in-memory fakes.
 */

/** A job as the engine reads it: the subset of the queue's JobRow it needs. */
export interface EngineJob {
  readonly id: string;
  readonly position: number;
  readonly path: string;
  readonly name: string;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | null;
  readonly size: number;
  readonly mtimeMs: number;
  readonly fingerprint: string | null;
  readonly profileId: string | null;
  readonly title: string;
  readonly metadata: UploadDefaults;
  readonly status: JobStatus;
  readonly mediaId: string | null;
  readonly objectKey: string | null;
  readonly uploadId: string | null;
  readonly partSize: number | null;
  readonly bytesDone: number;
}

/** One completed part as persisted. */
export interface StoredPart {
  readonly partNumber: number;
  readonly offset: number;
  readonly size: number;
  /** Quotes included, as OSS returned it. */
  readonly etag: string;
  readonly crc64: string;
}

/** The grant minus its secret, as persisted the moment it arrives. */
export interface GrantRecord {
  readonly mediaId: string;
  readonly uploadAddress: string;
  readonly endpoint: string;
  readonly bucket: string;
  readonly objectKey: string;
}

export interface JobStore {
  get(jobId: string): EngineJob | undefined;
  /** Up to `limit` queued jobs, first in queue order first; only those in `among` when it is given. */
  listRunnable(limit: number, among?: readonly string[]): EngineJob[];
  listByState(states: readonly JobState[]): EngineJob[];
  /** Inserts jobs at the end of the queue, in the given order, in one transaction. */
  insert(jobs: readonly NewJob[]): void;
  /** Deletes jobs and their parts (none may be active); returns how many were deleted. */
  remove(jobIds: readonly string[]): number;
  /** Moves jobs to the top or bottom of the queue, keeping their relative order. */
  reorder(jobIds: readonly string[], where: 'top' | 'bottom'): void;
  /** Deletes the jobs in final states (history keeps the done ones). */
  clearFinished(): void;
  /**
   * No job is really active after a crash or restart: those left active go back to queued (or paused when
   * `autoResume` is off), keeping their upload id and parts. Returns the ids moved.
   */
  recoverInterrupted(autoResume: boolean): string[];
  /** A grant with a different object key than the job's drops its upload id and parts in the same write. */
  recordGrant(jobId: string, grant: GrantRecord): void;
  recordUploadId(jobId: string, uploadId: string, partSize: number): void;
  /** Forgets the multipart upload: upload id, parts and bytes done. */
  resetUpload(jobId: string): void;
  recordFingerprint(jobId: string, fingerprint: string): void;
  /** Refuses transitions the table does not allow (throws). */
  setStatus(jobId: string, status: JobStatus): void;
  /** verifying → done, with the history row, in one write. */
  markDone(jobId: string, details: { mediaId: string; crc64: string | null }): void;
  listParts(jobId: string): StoredPart[];
  /** One part and the job's bytes done, in one transaction. */
  recordPart(jobId: string, part: StoredPart): void;
  /** Replaces the parts on record with the reconciled set (ListParts is the source of truth). */
  replaceParts(jobId: string, parts: readonly StoredPart[]): void;
  /** Rows for snapshots, or every row with 'all' (the engine overlays live bytes, speed and ETA). */
  views(jobIds: readonly string[] | 'all'): JobView[];
  totals(): QueueTotals;
  /** Bytes not yet on record of every job that will still move on its own (queued or active). */
  remainingBytes(): number;
}

/**
 * Turns dropped paths into jobs: `scan` walks the file system (slow, async); `decide` checks the result
 * against the queue and history (duplicates) and builds the rows, synchronously, so that the engine inserts
 * what was decided with no other add in between.
 */
export interface JobIntake {
  scan(paths: readonly string[], options?: AddOptions): Promise<ScanForAdd>;
  decide(scan: ScanForAdd): { jobs: NewJob[]; summary: AddSummary };
}

/** What VOD says of a media file's upload, for settling a Complete whose answer was lost. */
export type MediaUploadState =
  /** VOD saw the object complete (a video past Uploading); `size` is VOD's size of it when it gives one. */
  | { readonly state: 'uploaded'; readonly size: number | undefined }
  /** VOD still waits for the object. */
  | { readonly state: 'uploading' }
  /** VOD cannot say (not a video, no key to ask VOD with, the media is gone). */
  | { readonly state: 'unknown'; readonly reason: string };

/**
 * Asks VOD (GetVideoInfo) for a media file's upload state: the way to settle a lost Complete when the upload
 * credential may not HeadObject (the narrow policy).
 */
export interface MediaStatusProbe {
  uploadState(job: EngineJob): Promise<MediaUploadState>;
}

/** The engine's live knobs; a subset of shared/domain/settings.ts Settings. */
export interface EngineSettings {
  readonly filesAtOnce: number;
  readonly partsInFlight: number;
  /** Bytes per second; 0 means unlimited. */
  readonly bandwidthLimit: number;
  readonly partSize: number;
}
