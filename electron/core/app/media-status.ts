import type { EngineJob, MediaStatusProbe, MediaUploadState } from '../engine/ports';
import { AppError } from '../base/app-error';
import type { VideoInfo, VodClient } from '../vod/vod-client';

/** Video states that come only after VOD saw the uploaded object (Uploading and UploadFail come before). */
const PAST_UPLOAD = new Set(['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal']);

export function uploadStateOf(video: VideoInfo): MediaUploadState {
  const status = video.Status ?? '';
  if (PAST_UPLOAD.has(status)) {
    return { state: 'uploaded', size: video.Size !== undefined && video.Size > 0 ? video.Size : undefined };
  }
  if (status === 'Uploading') return { state: 'uploading' };
  return { state: 'unknown', reason: `video status ${status || 'missing'}` };
}

/**
 * The engine's way to ask VOD whether a video's upload completed (GetVideoInfo), with the job's profile's
 * key. Images and attached media have no such state here; a profile that works through an authorization
 * service holds no key for VOD: both answer unknown (the engine then uploads again rather than guess).
 */
export function vodMediaStatus(vodFor: (profileId: string | null) => Promise<VodClient>): MediaStatusProbe {
  return {
    async uploadState(job: EngineJob): Promise<MediaUploadState> {
      if (job.kind !== 'video' || job.mediaId === null)
        return { state: 'unknown', reason: `${job.kind} has no upload state in VOD` };
      let vod: VodClient;
      try {
        vod = await vodFor(job.profileId);
      } catch (error) {
        if (error instanceof AppError) return { state: 'unknown', reason: error.code };
        throw error;
      }
      try {
        return uploadStateOf((await vod.getVideoInfo(job.mediaId)).video);
      } catch (error) {
        if (error instanceof AppError && /NotFound/.test(error.code))
          return { state: 'unknown', reason: error.code };
        throw error;
      }
    },
  };
}
