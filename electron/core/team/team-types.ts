import type { MediaKind } from '../../../shared/domain/media-kind';
import type { UploadDefaults } from '../../../shared/domain/upload-defaults';

// The team queue's shapes (team-queue.ts), apart so that the row mapping (team-rows.ts) can use them too.

export interface TeamJobInput {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly kind: MediaKind;
  readonly size: number;
  readonly mtimeMs: number;
  /** The sampled content fingerprint; with it, a moved or renamed copy is the same job. */
  readonly fingerprint: string | null;
  /** Where it goes (profile/account, region, storage): the same file may go to two destinations. */
  readonly destination: string;
  readonly title: string;
  readonly metadata: UploadDefaults;
}

export interface TeamJob extends TeamJobInput {
  /** `canceling`: canceled, its media and upload not removed yet (docs/team.md, "Cancel, retry, remove"). */
  readonly state: 'queued' | 'claimed' | 'done' | 'failed' | 'canceling' | 'canceled';
  readonly leaseOwner: string | null;
  readonly mediaId: string | null;
  readonly objectKey: string | null;
  readonly uploadId: string | null;
  readonly partSize: number | null;
  readonly attempts: number;
  readonly unseenBy: readonly string[];
  readonly lastError: string | null;
}

export interface TeamPart {
  readonly partNumber: number;
  readonly offset: number;
  readonly size: number;
  readonly etag: string;
  readonly crc64: string;
}
