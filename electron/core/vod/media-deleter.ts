import type { MediaKind } from '../../../shared/domain/media-kind';
import type { VodClient } from './vod-client';

/** VOD's delete calls take at most 20 IDs each. */
const BATCH = 20;

/**
 * Deletes media with the call VOD has for their kind: DeleteVideo (video and audio; VOD documents that it
 * also deletes the upload's parts), DeleteImage by ImageId, DeleteAttachedMedia. IDs VOD no longer knows
 * count as deleted: the goal is that they are gone.
 */
export async function deleteMediaWith(
  vod: VodClient,
  kind: MediaKind,
  mediaIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < mediaIds.length; i += BATCH) {
    const ids = mediaIds.slice(i, i + BATCH);
    if (kind === 'video') await vod.deleteVideo(ids);
    else if (kind === 'image') await vod.deleteImages(ids);
    else await vod.deleteAttachedMedia(ids);
  }
}
