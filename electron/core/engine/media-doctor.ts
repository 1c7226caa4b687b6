import type {
  CleanupFixResult,
  CleanupLimit,
  CleanupReport,
  OpenUpload,
  StrayMedia,
  StrayOwner,
} from '../../../shared/domain/cleanup';
import type { ErrorInfo } from '../../../shared/domain/errors';
import type { JobState } from '../../../shared/domain/job-status';
import type { MediaKind } from '../../../shared/domain/media-kind';
import type { OssClient } from '../oss/oss-client';
import type { CleanupRecords } from '../queue/cleanup-records';
import type { UploadGrant } from '../vod/credential-types';
import { markerOf } from '../vod/upload-marker';
import type { SearchType, VodClient } from '../vod/vod-client';
import { toJobFailure } from './job-failure';
import type { MediaLedger } from './media-ledger-port';

const PAGE_SIZE = 100;
/** SearchMedia pages reach 5,000 results at most. */
const MAX_PAGES = 50;
const SEARCHES: ReadonlyArray<readonly [SearchType, MediaKind]> = [
  ['video', 'video'],
  ['audio', 'video'],
  ['image', 'image'],
  ['attached', 'attached'],
];

/** What the check needs of a profile and of the engine (wired in app/create-app-services.ts). */
export interface DoctorAccess {
  profileName(profileId: string | null): Promise<string>;
  /** The profile's VOD client; undefined when it has none (an authorization service). */
  vod(profileId: string | null): Promise<VodClient | undefined>;
  /** For an authorization-service profile: whether its /status lists the optional delete call. */
  offersDelete(profileId: string | null): Promise<boolean | undefined>;
  /** A fresh upload credential for a video (RefreshUploadVideo, through the profile's issuer). */
  refreshVideo(profileId: string | null, videoId: string): Promise<UploadGrant>;
  ossClient(grant: UploadGrant): OssClient;
  /** Deletes what the ledger holds now (the media janitor's sweep). */
  sweep(): Promise<void>;
  jobState(jobId: string): { id: string; path: string; state: JobState } | undefined;
  /** Forgets the multipart upload of a (canceled) job once it is aborted. */
  forgetUpload(jobId: string): void;
}

export interface FixOptions {
  /** Also remove media with no mark of this data dir (another tool's, another computer's). */
  readonly includeOthers: boolean;
  /** Only these (media IDs or upload IDs), as the user confirmed them; all found when absent. */
  readonly only?: readonly string[] | undefined;
}

type Found = {
  mediaId: string;
  kind: MediaKind;
  title: string;
  creationTime: string | null;
  marker?: string;
};

function errorInfo(error: unknown): ErrorInfo {
  return toJobFailure(error, '').toErrorInfo();
}

function isRefusal(error: unknown): boolean {
  const code = errorInfo(error).code;
  return code === 'AccessDenied' || code.startsWith('Forbidden');
}

/**
 * The clean-up check (`vod-upload doctor`, Settings → Clean up; docs/media-cleanup.md): media left in
 * "Uploading" (SearchMedia), multipart uploads left open (ListMultipartUploads where the credential allows it,
 * else this data dir's records), and the deletes the ledger still owes; and, on request, their removal through
 * the ledger, so a delete that fails is kept, retried and shown like any other.
 */
export class MediaDoctor {
  /** Credentials the last check obtained per video (to abort what it listed). */
  private grants = new Map<string, UploadGrant>();

  public constructor(
    private readonly ledger: MediaLedger,
    private readonly records: CleanupRecords,
    private readonly access: DoctorAccess,
    private readonly now: () => number = Date.now,
  ) {}

  public async check(profileId: string | null): Promise<CleanupReport> {
    const limits: CleanupLimit[] = [];
    const vod = await this.access.vod(profileId);
    const found = vod === undefined ? [] : await this.search(vod);
    if (vod === undefined && (await this.access.offersDelete(profileId)) === false) {
      limits.push({
        code: 'DELETE_UNAVAILABLE',
        message:
          'The authorization service does not offer deleting media (no "delete" in the features of its /status, ' +
          'docs/auth-service.md): deletes for this profile stay owed and shown until it does; meanwhile delete ' +
          'the media in the VOD console.',
      });
    }
    if (vod === undefined) {
      limits.push({
        code: 'SEARCH_UNAVAILABLE',
        message:
          'This profile uses an authorization service, which offers no media search: the check shows only what ' +
          "this computer's records know (deletes owed, uploads recorded). Look for media in Uploading in the VOD console.",
      });
    }
    // Read after the search: a media the search saw was created after its intent was written.
    const pending = this.ledger.pendingDeletions();
    const pendingIds = new Set(pending.map((d) => d.mediaId));
    const media = found.map((f) => this.classify(f, pendingIds));
    const uploads = await this.uploads(profileId, media, limits);
    return {
      profileId,
      profileName: await this.access.profileName(profileId),
      checkedAt: this.now(),
      media,
      uploads,
      pending: pending.map((d) => ({
        mediaId: d.mediaId,
        kind: d.kind,
        reason: d.reason,
        attempts: d.attempts,
        lastError: d.lastError,
        profileId: d.profileId,
      })),
      limits,
    };
  }

  /** Removes what a fresh check finds (orphans; others too when asked), then checks again. */
  public async fix(profileId: string | null, options: FixOptions): Promise<CleanupFixResult> {
    const before = await this.check(profileId);
    const wanted = (id: string) => options.only === undefined || options.only.includes(id);
    const removable = (owner: StrayOwner) =>
      owner === 'orphan' || (options.includeOthers && owner === 'other');
    const failed: CleanupFixResult['failed'] = [];
    const aborted: string[] = [];
    const doomed = before.media.filter((m) => removable(m.owner) && wanted(m.mediaId));
    const doomedIds = new Set(doomed.map((m) => m.mediaId));
    for (const upload of before.uploads) {
      if (!removable(upload.owner) || !wanted(upload.uploadId)) continue;
      try {
        if (await this.closeUpload(profileId, upload, doomedIds)) aborted.push(upload.uploadId);
      } catch (error) {
        failed.push({ id: upload.uploadId, error: errorInfo(error) });
      }
    }
    for (const m of doomed) {
      this.ledger.discard(m.job?.state === 'canceled' ? m.job.id : null, {
        kind: m.kind,
        profileId,
        mediaIds: [m.mediaId],
        reason: 'doctor',
      });
    }
    await this.access.sweep();
    const stillOwed = new Map(this.ledger.pendingDeletions().map((d) => [d.mediaId, d]));
    for (const m of doomed) {
      const owed = stillOwed.get(m.mediaId);
      if (owed !== undefined) {
        failed.push({
          id: m.mediaId,
          error: owed.lastError ?? { code: 'PENDING', message: 'Not deleted yet.' },
        });
      }
    }
    return {
      removedMedia: doomed.filter((m) => !stillOwed.has(m.mediaId)).map((m) => m.mediaId),
      abortedUploads: aborted,
      failed,
      report: await this.check(profileId),
    };
  }

  private async search(vod: VodClient): Promise<Found[]> {
    const out: Found[] = [];
    for (const [searchType, kind] of SEARCHES) {
      for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
        const page = await vod.searchMedia({
          searchType,
          match: "Status in ('Uploading')",
          fields: ['Title', 'UserData'],
          pageNo,
          pageSize: PAGE_SIZE,
          sortBy: 'CreationTime:Asc',
        });
        for (const m of page.media) {
          const marker = markerOf(m.fields['UserData']);
          out.push({
            mediaId: m.mediaId,
            kind,
            title: typeof m.fields['Title'] === 'string' ? m.fields['Title'] : '',
            creationTime: m.creationTime ?? null,
            ...(marker === undefined ? {} : { marker }),
          });
        }
        if (page.media.length < PAGE_SIZE || pageNo * PAGE_SIZE >= page.total) break;
      }
    }
    return out;
  }

  private classify(found: Found, pendingIds: ReadonlySet<string>): StrayMedia {
    const onRecord = this.records.mediaOnRecord().get(found.mediaId);
    const intentJob = found.marker === undefined ? undefined : this.records.intentMarkers().get(found.marker);
    const jobId = onRecord?.jobId ?? intentJob;
    const job = jobId === undefined ? undefined : this.access.jobState(jobId);
    const installation = this.records.installationId();
    const ours =
      onRecord !== undefined ||
      intentJob !== undefined ||
      pendingIds.has(found.mediaId) ||
      (installation !== undefined && found.marker?.startsWith(installation) === true);
    let owner: StrayOwner;
    if (
      (job !== undefined && job.state !== 'canceled') ||
      this.records.uploadedMediaIds().has(found.mediaId)
    ) {
      owner = 'in-use';
    } else owner = ours ? 'orphan' : 'other';
    return {
      mediaId: found.mediaId,
      kind: found.kind,
      title: found.title,
      creationTime: found.creationTime,
      owner,
      job: job ?? null,
      pendingDelete: pendingIds.has(found.mediaId),
    };
  }

  /**
   * Open uploads: those this data dir recorded, and those OSS lists on the keys of stray videos of ours. The
   * listing needs a credential for the key (RefreshUploadVideo; images and attached media cannot get one) and
   * a policy that allows ListMultipartUploads, which VOD's narrow upload policy does not: then it says so.
   */
  private async uploads(
    profileId: string | null,
    media: readonly StrayMedia[],
    limits: CleanupLimit[],
  ): Promise<OpenUpload[]> {
    const out: OpenUpload[] = this.records.uploadsOnRecord().map((u) => ({
      objectKey: u.objectKey,
      uploadId: u.uploadId,
      mediaId: u.mediaId,
      kind: u.kind,
      owner: u.state === 'canceled' ? 'orphan' : 'in-use',
      source: 'records',
      initiated: null,
    }));
    this.grants = new Map();
    const videos = media.filter((m) => m.owner === 'orphan' && m.kind === 'video');
    for (const video of videos) {
      let grant: UploadGrant;
      try {
        grant = await this.access.refreshVideo(profileId, video.mediaId);
        this.grants.set(video.mediaId, grant);
        const listed = await this.access.ossClient(grant).listMultipartUploads(grant.target.objectKey);
        for (const u of listed) {
          if (u.key !== grant.target.objectKey) continue;
          const known = out.findIndex((o) => o.uploadId === u.uploadId);
          if (known >= 0) out.splice(known, 1);
          out.push({
            objectKey: u.key,
            uploadId: u.uploadId,
            mediaId: video.mediaId,
            kind: 'video',
            owner: 'orphan',
            source: 'oss',
            initiated: u.initiated ?? null,
          });
        }
      } catch (error) {
        const info = errorInfo(error);
        limits.push({
          code: isRefusal(error) ? 'UPLOAD_LISTING_REFUSED' : 'UPLOAD_LISTING_SKIPPED',
          message: isRefusal(error)
            ? `OSS refused to list multipart uploads (${info.code}): VOD's upload credential may only write ` +
              'its own object. The open uploads shown are the ones recorded here; removing a video also removes ' +
              "its parts (VOD documents this for DeleteVideo), and VOD's bucket drops leftover parts after 7 days."
            : `Listing multipart uploads failed (${info.code}: ${info.message}); the ones recorded here are shown.`,
        });
        break;
      }
    }
    return out;
  }

  /** Aborts one open upload with the means at hand; false when removing its media will do it. */
  private async closeUpload(
    profileId: string | null,
    upload: OpenUpload,
    doomed: ReadonlySet<string>,
  ): Promise<boolean> {
    const grant = upload.mediaId === null ? undefined : this.grants.get(upload.mediaId);
    if (grant !== undefined && grant.target.objectKey === upload.objectKey) {
      await this.access.ossClient(grant).abortMultipartUpload(upload.objectKey, upload.uploadId);
    } else if (upload.kind === 'video' && upload.mediaId !== null) {
      const vod = await this.access.vod(profileId);
      if (vod === undefined) return false;
      // VOD's own call for a video's parts (documented for MediaType video only).
      await vod.deleteMultipartUpload(upload.mediaId);
    } else if (upload.mediaId !== null && doomed.has(upload.mediaId)) {
      return false;
    } else {
      throw Object.assign(
        new Error('No credential can reach this upload: VOD drops its parts after 7 days.'),
        {
          code: 'UPLOAD_UNREACHABLE',
        },
      );
    }
    this.forgetRecorded(upload.uploadId);
    return true;
  }

  private forgetRecorded(uploadId: string): void {
    for (const u of this.records.uploadsOnRecord()) {
      if (u.uploadId === uploadId && u.state === 'canceled') this.access.forgetUpload(u.jobId);
    }
  }
}
