import type { SqliteDatabase } from '../base/sqlite';

/** A pull link canceled while VOD had its upload job: the job may still make a media (migration 0014). */
export interface PullCancel {
  readonly vodJobId: string;
  readonly jobId: string;
  readonly profileId: string | null;
  /** The media VOD makes must be deleted (cancel with "delete in VOD"). */
  readonly deleteMedia: boolean;
  /** CancelUrlUploadJobs was called (it cancels only jobs VOD has not started). */
  readonly cancelAsked: boolean;
}

interface CancelRecord {
  vod_job_id: string;
  job_id: string;
  profile_id: string | null;
  delete_media: number;
  cancel_asked: number;
}

export interface UrlPullCancelsRepository {
  /** Records a canceled pull (written in the same transaction as the job's cancel by the caller). */
  add(cancel: { vodJobId: string; jobId: string; profileId: string | null; deleteMedia: boolean }): void;
  all(): PullCancel[];
  cancelAsked(vodJobIds: readonly string[]): void;
  /** VOD's job is settled: canceled, failed, unknown, or its media handed to the media ledger. */
  settled(vodJobIds: readonly string[]): void;
}

export function createUrlPullCancelsRepository(
  db: SqliteDatabase,
  now: () => number,
): UrlPullCancelsRepository {
  const stmt = {
    add: db.prepare(
      `INSERT INTO url_pull_cancels (vod_job_id, job_id, profile_id, delete_media, canceled_at)
       VALUES (@vodJobId, @jobId, @profileId, @deleteMedia, @at)
       ON CONFLICT (vod_job_id) DO NOTHING`,
    ),
    all: db.prepare<[], CancelRecord>('SELECT * FROM url_pull_cancels ORDER BY canceled_at, vod_job_id'),
    asked: db.prepare('UPDATE url_pull_cancels SET cancel_asked = 1 WHERE vod_job_id = ?'),
    settled: db.prepare('DELETE FROM url_pull_cancels WHERE vod_job_id = ?'),
  };
  const each = (s: { run(id: string): unknown }) =>
    db.transaction((ids: readonly string[]) => {
      for (const id of ids) s.run(id);
    });
  const asked = each(stmt.asked);
  const settled = each(stmt.settled);
  return {
    add: (c) => {
      stmt.add.run({ ...c, deleteMedia: c.deleteMedia ? 1 : 0, at: now() });
    },
    all: () =>
      stmt.all.all().map((r) => ({
        vodJobId: r.vod_job_id,
        jobId: r.job_id,
        profileId: r.profile_id,
        deleteMedia: r.delete_media === 1,
        cancelAsked: r.cancel_asked === 1,
      })),
    cancelAsked: (ids) => asked(ids),
    settled: (ids) => settled(ids),
  };
}
