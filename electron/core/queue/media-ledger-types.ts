import type { ErrorInfo } from '../../../shared/domain/errors';
import type { MediaKind } from '../../../shared/domain/media-kind';

/** A CreateUpload* call about to be made (or made, its answer not yet saved) for a job. */
export interface CreateIntent {
  /** Sent in the create call's UserData; how the media is found again if the answer is lost. */
  readonly marker: string;
  readonly jobId: string;
  readonly kind: MediaKind;
  readonly profileId: string | null;
  /** Our clock when the intent was recorded, epoch ms. */
  readonly startedAt: number;
}

/** A media the uploader created and will not finish, to be deleted in VOD. */
export interface PendingDeletion {
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly profileId: string | null;
  readonly jobId: string | null;
  /** Why: canceled, removed, credential-expired, credential-lost, created-not-saved, duplicate. */
  readonly reason: string;
  readonly attempts: number;
  readonly lastError: ErrorInfo | null;
}

export interface MediaToDiscard {
  readonly kind: MediaKind;
  readonly profileId: string | null;
  readonly mediaIds: readonly string[];
  readonly reason: string;
}

/**
 * The record of what the uploader owes the VOD library: create intents written ahead of each create call,
 * and deletions not yet confirmed. Each method is one transaction.
 */
export interface MediaLedger {
  /**
   * A fresh marker for a create call: this data dir's installation id, then random hex. The prefix lets the
   * clean-up check tell this uploader's media from another computer's (cleanup-records.ts).
   */
  newMarker(): string;
  intentFor(jobId: string): CreateIntent | undefined;
  recordIntent(intent: CreateIntent): void;
  resolveIntent(marker: string): void;
  /**
   * Queues media for deletion. When `jobId` is given and the job's media is among them, the job forgets it
   * (media ID, address, key, upload id and parts) in the same write; `resolveMarker` resolves that intent too.
   */
  discard(jobId: string | null, media: MediaToDiscard, resolveMarker?: string): void;
  pendingDeletions(): PendingDeletion[];
  deleted(mediaIds: readonly string[]): void;
  deletionFailed(mediaIds: readonly string[], error: ErrorInfo): void;
  /** Intents no job will resolve: their job is gone, done or canceled. */
  orphanIntents(): CreateIntent[];
}
