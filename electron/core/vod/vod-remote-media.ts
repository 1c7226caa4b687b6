import type { MediaKind } from '../../../shared/domain/media-kind';
import { AppError } from '../base/app-error';
import type { CreateIntent } from '../queue/media-ledger-types';
import type { AuthServiceClient } from './auth-service-client';
import { deleteMediaWith } from './media-deleter';
import { markerOf } from './upload-marker';
import type { SearchType, VodClient } from './vod-client';

/** Our clock and VOD's may differ (the request signer tolerates 15 minutes): search that much wider. */
const CLOCK_MARGIN_MS = 15 * 60_000;
const PAGE_SIZE = 100;
/** SearchMedia pages reach 5,000 results at most. */
const MAX_PAGES = 50;

const SEARCH_TYPES: Readonly<Record<MediaKind, readonly SearchType[]>> = {
  video: ['video', 'audio'],
  image: ['image'],
  attached: ['attached'],
};

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What a profile reaches VOD through: its own VOD client, or an authorization service. */
export interface ProfileAccess {
  readonly vod: VodClient | undefined;
  readonly authService: AuthServiceClient | undefined;
}

/** VOD's delete calls and the protocol's /delete both take at most 20 IDs. */
const DELETE_BATCH = 20;

/**
 * The RemoteMedia of every credential kind: AccessKey and STS profiles search and delete with their VOD client;
 * an authorization-service profile deletes through the service's optional /delete call (an AppError
 * AUTH_SERVICE_NO_DELETE when it has none, kept and shown with the owed delete). Such a service has no search:
 * a lost create of such a job cannot be looked up (the ledger keeps its intent, the log says why).
 */
export function profileRemoteMedia(
  accessFor: (profileId: string | null) => Promise<ProfileAccess>,
  now = Date.now,
) {
  const byVod = vodRemoteMedia(async (profileId) => {
    const { vod } = await accessFor(profileId);
    if (vod === undefined) {
      throw new AppError(
        'PROFILE_NO_VOD_ACCESS',
        'This profile uses an authorization service, which offers no media search: a create whose answer was lost cannot be looked up.',
      );
    }
    return vod;
  }, now);
  return {
    findCreated: byVod.findCreated,
    async deleteMedia(profileId: string | null, kind: MediaKind, mediaIds: readonly string[]): Promise<void> {
      if (mediaIds.length === 0) return;
      const { vod, authService } = await accessFor(profileId);
      if (vod !== undefined || authService === undefined) return byVod.deleteMedia(profileId, kind, mediaIds);
      for (let i = 0; i < mediaIds.length; i += DELETE_BATCH) {
        await authService.deleteMedia({ kind, mediaIds: mediaIds.slice(i, i + DELETE_BATCH) });
      }
    },
  };
}

/**
 * Finds and deletes the uploader's media through the VOD API of a job's profile: the RemoteMedia the engine
 * cleans up with (profileRemoteMedia adds authorization-service profiles).
 */
export function vodRemoteMedia(vodFor: (profileId: string | null) => Promise<VodClient>, now = Date.now) {
  return {
    async findCreated(intent: CreateIntent): Promise<string[]> {
      const vod = await vodFor(intent.profileId);
      const match =
        `Status in ('Uploading') and CreationTime = ` +
        `('${iso(intent.startedAt - CLOCK_MARGIN_MS)}','${iso(now() + CLOCK_MARGIN_MS)}')`;
      const found: string[] = [];
      for (const searchType of SEARCH_TYPES[intent.kind]) {
        for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
          const page = await vod.searchMedia({
            searchType,
            match,
            fields: ['UserData'],
            pageNo,
            pageSize: PAGE_SIZE,
            sortBy: 'CreationTime:Asc',
          });
          for (const media of page.media) {
            if (markerOf(media.fields['UserData']) === intent.marker) found.push(media.mediaId);
          }
          if (page.media.length < PAGE_SIZE || pageNo * PAGE_SIZE >= page.total) break;
        }
      }
      return found;
    },

    async deleteMedia(profileId: string | null, kind: MediaKind, mediaIds: readonly string[]): Promise<void> {
      if (mediaIds.length === 0) return;
      await deleteMediaWith(await vodFor(profileId), kind, mediaIds);
    },

    async deleteVideoUploads(profileId: string | null, videoId: string): Promise<void> {
      await (await vodFor(profileId)).deleteMultipartUpload(videoId);
    },
  };
}
