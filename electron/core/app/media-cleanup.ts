import type { EngineJob, MediaCleanup } from '../engine/ports';
import type { Logger } from '../log/logger';
import type { ProfilesService } from '../vod/profiles-service';
import { deleteMediaWith } from '../vod/media-deleter';

/**
 * Cancel with "delete remote": the media is deleted in VOD with the call for its kind (DeleteVideo,
 * DeleteImage by ImageId, DeleteAttachedMedia), which also drops what it left on OSS.
 */
export function vodMediaCleanup(profiles: ProfilesService, logger: Logger): MediaCleanup {
  return {
    async deleteMedia(job: EngineJob) {
      if (!job.mediaId) return;
      const vod = await profiles.vodClientFor(job.profileId);
      await deleteMediaWith(vod, job.kind, [job.mediaId]);
      logger.info('remote media deleted on cancel', { jobId: job.id, mediaId: job.mediaId, kind: job.kind });
    },
  };
}
