import type { MediaKind } from '../../../shared/domain/media-kind';
import type { CreateIntent } from '../queue/media-ledger-types';
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

/**
 * Finds and deletes the uploader's media through the VOD API of a job's profile: the RemoteMedia the engine
 * cleans up with. A profile whose credentials cannot reach the VOD API (an authorization service) fails here
 * with the profile service's own error, which the engine records and shows.
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
