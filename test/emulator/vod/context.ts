import type { Accounts } from '../accounts';
import type { Clock } from '../clock';
import type { MediaLibrary } from './media';
import type { UrlJobs } from './url-jobs';

/** What the VOD actions need from the rest of the emulator. */
export interface VodContext {
  readonly accounts: Accounts;
  readonly library: MediaLibrary;
  readonly clock: Clock;
  readonly stsTtl: () => number;
  readonly ossEndpoint: string;
  readonly regionId: string;
  readonly bucket: string;
  /** Aborts the multipart uploads in progress on a key; returns how many. */
  readonly abortUploads: (bucket: string, key: string) => number;
  readonly deleteObject: (bucket: string, key: string) => void;
  /** RefreshUploadVideo moves a video that is still Uploading to a new object key. */
  readonly refreshNewKey: () => boolean;
  /** UploadMediaByURL's background pulls. */
  readonly urlJobs: UrlJobs;
}
