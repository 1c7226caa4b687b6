import type { JobState, JobStatus } from '../../../shared/domain/job-status';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { QueueTotals } from '../../../shared/domain/queue';
import type { UploadDefaults } from '../../../shared/domain/upload-defaults';
import type { JobRow } from './job-row';

// The jobs table as the rest of the core sees it (implemented in jobs-repository.ts), and the shapes written to it.

/** A job to insert: what the scan and the batch options decided. It starts `queued`. */
export interface NewJob {
  readonly id: string;
  readonly path: string;
  readonly root: string;
  readonly relativeDir: string;
  readonly name: string;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | null;
  readonly size: number;
  readonly mtimeMs: number;
  readonly profileId: string | null;
  readonly title: string;
  readonly metadata: UploadDefaults;
  /** Taken at add time when the duplicate check needed it; otherwise when the upload first starts. */
  readonly fingerprint?: string | null;
  /** Where it goes (see Destination in duplicate-check.ts); null when the host did not say. */
  readonly destination?: string | null;
  readonly destinationLabel?: string | null;
}

/** What CreateUpload* (or RefreshUploadVideo) returned, minus the secret UploadAuth. */
export interface UploadGrant {
  readonly mediaId: string;
  /** Base64 UploadAddress, kept as VOD sent it. */
  readonly uploadAddress: string;
  readonly endpoint: string;
  readonly bucket: string;
  readonly objectKey: string;
}

export interface DoneDetails {
  readonly mediaId: string;
  /** Whole-object CRC-64 (decimal string), as checked against Complete's header. */
  readonly crc64: string | null;
  /** Copied into history (the profile may be renamed or deleted later). */
  readonly profileName?: string | null;
  readonly vodStatus?: string | null;
}

/** A job with the same size and mtime as a file being added, to the same destination: a possible copy. */
export interface QueuedMatch {
  readonly id: string;
  readonly state: JobState;
  readonly path: string;
  readonly fingerprint: string | null;
}

export interface JobsRepository {
  get(id: string): JobRow | undefined;
  /** Like `get`, but an unknown id is an AppError 'JOB_NOT_FOUND'. */
  getOrThrow(id: string): JobRow;
  /** Every job in queue order. */
  list(): JobRow[];
  /**
   * Up to `limit` queued jobs, first in queue order first (uses the (state, position) index); only jobs in
   * `among` when it is given (a CLI run that sends exactly its own files).
   */
  listRunnable(limit: number, among?: readonly string[]): JobRow[];
  listByState(states: readonly JobState[]): JobRow[];
  /**
   * Jobs (not canceled) of this size and mtime going to `destination`, and those of the same path queued
   * before destinations were recorded (they still hold its uploaded parts): candidates for the same content.
   */
  findSameContent(size: number, mtimeMs: number, destination: string | null, path: string): QueuedMatch[];
  /** Inserts jobs at the end of the queue, in the given order, in one transaction. */
  insertMany(jobs: readonly NewJob[]): void;
  /**
   * Saves the media ID and UploadAddress the moment CreateUpload* (or a refresh) returns. A grant with a
   * different object key (an image or attached media re-created after its credential expired) makes the
   * old multipart upload useless: its upload id and parts are dropped in the same transaction.
   */
  recordGrant(jobId: string, grant: UploadGrant): void;
  /** Saves the multipart upload id and part size the moment InitiateMultipartUpload returns. */
  recordUploadId(jobId: string, uploadId: string, partSize: number): void;
  /**
   * Forgets the multipart upload (NoSuchUpload with no finished object: a new upload on the same key, or a
   * changed part size): upload id, parts, bytes done and CRC are cleared together.
   */
  resetUpload(jobId: string): void;
  /** Saves the sampled fingerprint of the source (scan/fingerprint.ts), taken when the upload first starts. */
  recordFingerprint(jobId: string, fingerprint: string): void;
  /**
   * Moves a job to a new status if the transition table (shared/domain/job-transitions.ts) allows it;
   * otherwise AppError 'ILLEGAL_TRANSITION' and nothing changes. `retrying` records its attempt and last
   * error, `failed` its error; a retry (failed or source-missing → queued) resets the attempt count.
   * `done` is refused here: use `markDone`, which writes history too. Returns the updated row.
   */
  setStatus(jobId: string, status: JobStatus): JobRow;
  /**
   * Marks a verified job done (only from `verifying`), stores the media id and whole-object CRC, and writes
   * its history row, in one transaction. Returns the updated row.
   */
  markDone(jobId: string, details: DoneDetails): JobRow;
  /**
   * Call once on open, before the engine starts: no job is really active after a crash or restart. Those
   * left in preparing, uploading, retrying or verifying go back to `queued` (or `paused` when auto-resume is
   * off), keeping their upload id and parts so the engine resumes them. Returns the ids moved.
   */
  recoverInterruptedJobs(options: { autoResume: boolean }): string[];
  /** Moves jobs to the top or bottom of the queue, keeping their relative order. Unknown ids are ignored. */
  reorder(ids: readonly string[], where: 'top' | 'bottom'): void;
  /**
   * Deletes jobs and their parts. A job the engine is working on must be stopped first: AppError
   * 'JOB_ACTIVE' and nothing is deleted. Returns how many were deleted.
   */
  remove(ids: readonly string[]): number;
  /** Deletes done and canceled jobs from the queue (history keeps the done ones). */
  clearFinished(): number;
  /** Counts and bytes per state; speed and ETA are the engine's to fill in. */
  totals(): QueueTotals;
  /** Σ(size − bytes done) over queued and active jobs: the work left for the overall ETA. */
  remainingBytes(): number;
}
