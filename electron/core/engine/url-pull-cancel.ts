import type { Logger } from '../log/logger';
import type { UrlUploadInfo } from '../vod/vod-client';
import type { PullCancel } from '../queue/url-pull-cancels-repository';
import type { MediaToDiscard } from './media-ledger-port';
import { PULL_QUERY_BATCH, chunk, pullOutcome } from './url-pull-status';

/** VOD's calls a canceled pull needs, per profile. */
export interface PullCancelVod {
  cancel(
    profileId: string | null,
    vodJobIds: readonly string[],
  ): Promise<{ canceled: string[]; missing: string[] }>;
  query(
    profileId: string | null,
    vodJobIds: readonly string[],
  ): Promise<{ infos: UrlUploadInfo[]; missing: string[] }>;
}

/** The url_pull_cancels rows (queue/url-pull-cancels-repository.ts). */
export interface PullCancelRecords {
  add(cancel: { vodJobId: string; jobId: string; profileId: string | null; deleteMedia: boolean }): void;
  all(): PullCancel[];
  cancelAsked(vodJobIds: readonly string[]): void;
  settled(vodJobIds: readonly string[]): void;
}

export interface PullCancelOptions {
  readonly records: PullCancelRecords;
  readonly vod: PullCancelVod;
  /** Hands a media VOD made after the cancel to the media ledger, whose janitor deletes it. */
  readonly discard: (jobId: string, media: MediaToDiscard) => void;
  readonly logger: Logger;
}

/**
 * Canceled pull links whose VOD job is not settled yet. Canceling one calls CancelUrlUploadJobs; VOD cancels
 * only jobs it has not started, so a job already fetching is then watched with GetURLUploadInfos until it
 * ends: a media it made is deleted through the media ledger (when the cancel asked for it), a failure or an
 * unknown job needs nothing. The rows are in SQLite, so a restart or a failed call goes on where it stopped.
 */
export class PullCancels {
  private running: Promise<void> = Promise.resolve();

  public constructor(private readonly o: PullCancelOptions) {}

  public record(jobId: string, vodJobId: string, profileId: string | null, deleteMedia: boolean): void {
    this.o.records.add({ vodJobId, jobId, profileId, deleteMedia });
  }

  /** Canceled pulls VOD may still be working on (of the jobs in `scope` when given). */
  public pending(scope?: readonly string[]): boolean {
    const all = this.o.records.all();
    return scope === undefined ? all.length > 0 : all.some((c) => scope.includes(c.jobId));
  }

  /** One round: asks VOD to cancel what it was not asked yet, then asks how the others stand. */
  public settle(): Promise<void> {
    // One round at a time: a cancel arriving during the poll's round runs right after it.
    const next = this.running.then(() => this.round());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async round(): Promise<void> {
    const byProfile = new Map<string | null, PullCancel[]>();
    for (const c of this.o.records.all())
      byProfile.set(c.profileId, [...(byProfile.get(c.profileId) ?? []), c]);
    for (const [profileId, rows] of byProfile) {
      for (const batch of chunk(
        rows.filter((c) => !c.cancelAsked),
        PULL_QUERY_BATCH,
      )) {
        await this.askCancel(profileId, batch);
      }
      const watched = this.o.records.all().filter((c) => c.profileId === profileId && c.cancelAsked);
      for (const batch of chunk(watched, PULL_QUERY_BATCH)) await this.watch(profileId, batch);
    }
  }

  private async askCancel(profileId: string | null, batch: readonly PullCancel[]): Promise<void> {
    const ids = batch.map((c) => c.vodJobId);
    try {
      const { canceled, missing } = await this.o.vod.cancel(profileId, ids);
      this.o.records.settled([...canceled, ...missing]);
      const started = ids.filter((id) => !canceled.includes(id) && !missing.includes(id));
      this.o.records.cancelAsked(started);
      this.o.logger.info('CancelUrlUploadJobs', { canceled, missing, alreadyStarted: started });
    } catch (error) {
      this.o.logger.warn('CancelUrlUploadJobs failed; asked again later', { error: String(error) });
    }
  }

  private async watch(profileId: string | null, batch: readonly PullCancel[]): Promise<void> {
    let answer: { infos: UrlUploadInfo[]; missing: string[] };
    try {
      answer = await this.o.vod.query(
        profileId,
        batch.map((c) => c.vodJobId),
      );
    } catch (error) {
      this.o.logger.warn('GetURLUploadInfos of canceled links failed', { error: String(error) });
      return;
    }
    const infos = new Map(answer.infos.map((info) => [info.JobId, info]));
    for (const c of batch) {
      const info = infos.get(c.vodJobId);
      if (info === undefined) {
        if (answer.missing.includes(c.vodJobId)) this.o.records.settled([c.vodJobId]);
        continue;
      }
      const outcome = pullOutcome(info);
      if (outcome === 'working') continue;
      if (outcome === 'done' && c.deleteMedia) {
        this.o.discard(c.jobId, {
          kind: 'video',
          profileId,
          mediaIds: [info.MediaId],
          reason: 'canceled',
        });
        this.o.logger.info('a canceled link became a media; deleting it', {
          jobId: c.jobId,
          mediaId: info.MediaId,
        });
      }
      this.o.records.settled([c.vodJobId]);
    }
  }
}
