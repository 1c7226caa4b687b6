import type { Logger } from '../log/logger';
import type { HistoryRepository, VodDetails } from '../queue/history-repository';
import type { VideoInfo, VodClient } from '../vod/vod-client';
import type { HistoryRow } from '../../../shared/domain/history';
import type { MediaKind } from '../../../shared/domain/media-kind';

export interface VodStatusPollerOptions {
  readonly history: HistoryRepository;
  readonly vodClientFor: (profileId: string | null) => Promise<VodClient>;
  /** 0 turns polling off. */
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Videos older than this are no longer polled (default 3 days). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/** GetVideoInfos takes at most 20 ids per call. */
const BATCH = 20;

/**
 * Keeps the history's VOD status current while videos are still processing (Uploading → UploadSucc →
 * Transcoding → Normal): one GetVideoInfos per profile per 20 videos each interval, and nothing at all
 * once every recent video has settled. A profile that cannot call VOD (an authorization service) is skipped.
 */
export function startVodStatusPoller(options: VodStatusPollerOptions): () => void {
  if (options.intervalMs <= 0) return () => undefined;
  const now = options.now ?? Date.now;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pollOnce(options, now())
      .catch((error: unknown) => options.logger.warn('VOD status poll failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function pollOnce(options: VodStatusPollerOptions, now: number): Promise<number> {
  const since = now - (options.maxAgeMs ?? 3 * 24 * 3600_000);
  const pending = options.history.listProcessing(since, 200);
  const byProfile = new Map<string | null, string[]>();
  for (const row of pending)
    byProfile.set(row.profileId, [...(byProfile.get(row.profileId) ?? []), row.mediaId]);
  let updated = 0;
  for (const [profileId, ids] of byProfile) {
    let vod: VodClient;
    try {
      vod = await options.vodClientFor(profileId);
    } catch {
      continue;
    }
    for (let i = 0; i < ids.length; i += BATCH) {
      const { videos } = await vod.getVideoInfos(ids.slice(i, i + BATCH));
      for (const video of videos) {
        if (video.VideoId && video.Status) {
          options.history.setVodStatus(video.VideoId, video.Status, vodDetails(video));
          updated++;
        }
      }
    }
  }
  return updated;
}

/** Video statuses VOD leaves a video in for good: processed, or failed (reference §1.8). */
export const SETTLED_VOD_STATUSES = ['Normal', 'UploadFail', 'TranscodeFail', 'Blocked', 'ProduceFail'];

/**
 * Asks VOD now for the status of these uploads' videos (GetVideoInfos, per profile, 20 at a time) and records
 * it in the history. Images and attached media need no processing: Normal once uploaded. A video VOD no longer
 * knows is `Deleted`.
 */
export async function refreshVodStatuses(
  options: Pick<VodStatusPollerOptions, 'history' | 'vodClientFor'>,
  rows: readonly HistoryRow[],
): Promise<{ mediaId: string; path: string; kind: MediaKind; status: string | null }[]> {
  const statuses = new Map<string, string | null>(rows.map((r) => [r.mediaId, r.vodStatus]));
  const videos = rows.filter((r) => r.kind === 'video');
  const byProfile = new Map<string | null, string[]>();
  for (const row of videos)
    byProfile.set(row.profileId, [...(byProfile.get(row.profileId) ?? []), row.mediaId]);
  for (const [profileId, ids] of byProfile) {
    const vod = await options.vodClientFor(profileId);
    for (let i = 0; i < ids.length; i += BATCH) {
      const { videos: infos, missing } = await vod.getVideoInfos(ids.slice(i, i + BATCH));
      for (const info of infos) {
        if (info.VideoId && info.Status) {
          options.history.setVodStatus(info.VideoId, info.Status, vodDetails(info));
          statuses.set(info.VideoId, info.Status);
        }
      }
      for (const id of missing) statuses.set(id, 'Deleted');
    }
  }
  return rows.map((r) => ({
    mediaId: r.mediaId,
    path: r.path,
    kind: r.kind,
    status: r.kind === 'video' ? (statuses.get(r.mediaId) ?? null) : 'Normal',
  }));
}

/** Duration and cover once VOD has them (a video still transcoding reports neither, or a 0 duration). */
function vodDetails(video: VideoInfo): VodDetails {
  return {
    duration: video.Duration !== undefined && video.Duration > 0 ? video.Duration : undefined,
    coverUrl: video.CoverURL || undefined,
  };
}
