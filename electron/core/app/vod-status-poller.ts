import type { Logger } from '../log/logger';
import type { HistoryRepository } from '../queue/history-repository';
import type { VodClient } from '../vod/vod-client';

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
          options.history.setVodStatus(video.VideoId, video.Status);
          updated++;
        }
      }
    }
  }
  return updated;
}
