import type { MediaKind } from '../../../shared/domain/media-kind';
import type { Logger } from '../log/logger';
import type { CreateIntent, MediaLedger } from '../queue/media-ledger-types';
import type { UploadGrant } from '../vod/credential-types';
import type { EngineJob } from './ports';

export type { CreateIntent, MediaLedger, MediaToDiscard, PendingDeletion } from '../queue/media-ledger-types';

/** The VOD side of cleanup, per profile (the app's VOD client for it). */
export interface RemoteMedia {
  /** Media still Uploading whose create call carried `intent.marker`. */
  findCreated(intent: CreateIntent): Promise<string[]>;
  /** Deletes media with the call for their kind (IDs VOD no longer knows count as deleted). */
  deleteMedia(profileId: string | null, kind: MediaKind, mediaIds: readonly string[]): Promise<void>;
  /** Drops every multipart upload open on a video's object key (VOD DeleteMultipartUpload, videos only). */
  deleteVideoUploads?(profileId: string | null, videoId: string): Promise<void>;
}

/** Encrypted keeping of an image's or attached media's grant across restarts (secrets/upload-auth-vault.ts). */
export interface GrantVault {
  save(jobId: string, mediaId: string, expiresAt: number, grant: string): Promise<boolean>;
  load(jobId: string, mediaId: string): Promise<string | undefined>;
  forget(jobId: string): void;
}

/**
 * What keeps one media per file across crashes (issue 14): the ledger gets each create intent before the
 * call, the janitor deletes what the job gives up, and `abandon` aborts the multipart upload of a media
 * about to be re-created while its credential still works.
 */
export interface MediaBookkeeping {
  readonly ledger: MediaLedger;
  readonly remote: RemoteMedia;
  /** Where an image's or attached media's grant is kept encrypted, so a restart reuses the media. */
  readonly vault?: GrantVault | undefined;
  /** Deletes what the ledger holds; resolves (never rejects) when done (media-janitor.ts). */
  readonly janitor: {
    sweep(): Promise<void>;
    hasWork(): boolean;
    readonly inFlight: Promise<void> | undefined;
  };
  readonly abandon: (job: EngineJob, grant: UploadGrant) => Promise<void>;
  readonly logger?: Logger;
}
