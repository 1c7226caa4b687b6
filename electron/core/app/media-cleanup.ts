import type { EngineJob, MediaCleanup } from '../engine/ports';
import type { Logger } from '../log/logger';
import type { ProfilesService } from '../vod/profiles-service';

/**
 * Cancel with "delete remote": a video is deleted in VOD (which also drops its parts); attached media's
 * leftover parts are deleted with DeleteMultipartUpload. Images have no server-side leftovers worth a call.
 */
export function vodMediaCleanup(profiles: ProfilesService, logger: Logger): MediaCleanup {
  return {
    async deleteMedia(job: EngineJob) {
      if (!job.mediaId) return;
      const vod = await profiles.vodClientFor(job.profileId);
      if (job.kind === 'video') {
        await vod.deleteVideo([job.mediaId]);
      } else if (job.kind === 'attached') {
        await vod.deleteMultipartUpload(job.mediaId, 'attached');
      }
      logger.info('remote media deleted on cancel', { jobId: job.id, mediaId: job.mediaId, kind: job.kind });
    },
  };
}
