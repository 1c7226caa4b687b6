import type { ErrorInfo } from '../../../shared/domain/errors';
import type { MediaKind } from '../../../shared/domain/media-kind';
import { randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../base/sqlite';
import { createCleanupRecords } from './cleanup-records';
import type { CreateIntent, MediaLedger, MediaToDiscard, PendingDeletion } from './media-ledger-types';

interface IntentRow {
  marker: string;
  job_id: string;
  kind: string;
  profile_id: string | null;
  started_at: number;
}

interface DeletionRow {
  media_id: string;
  kind: string;
  profile_id: string | null;
  job_id: string | null;
  reason: string;
  attempts: number;
  last_error: string | null;
}

function toIntent(r: IntentRow): CreateIntent {
  return {
    marker: r.marker,
    jobId: r.job_id,
    kind: r.kind as MediaKind,
    profileId: r.profile_id,
    startedAt: r.started_at,
  };
}

function toDeletion(r: DeletionRow): PendingDeletion {
  return {
    mediaId: r.media_id,
    kind: r.kind as MediaKind,
    profileId: r.profile_id,
    jobId: r.job_id,
    reason: r.reason,
    attempts: r.attempts,
    lastError: r.last_error === null ? null : (JSON.parse(r.last_error) as ErrorInfo),
  };
}

/** The media ledger over the queue database (tables from migration 0008). */
export function createMediaLedger(db: SqliteDatabase, now: () => number): MediaLedger {
  const stmt = {
    intentFor: db.prepare<[string], IntentRow>(
      'SELECT * FROM media_intents WHERE job_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
    ),
    insertIntent: db.prepare(
      `INSERT INTO media_intents (marker, job_id, kind, profile_id, started_at)
       VALUES (@marker, @jobId, @kind, @profileId, @startedAt)`,
    ),
    resolve: db.prepare('DELETE FROM media_intents WHERE marker = ?'),
    queue: db.prepare(
      `INSERT INTO media_deletions (media_id, kind, profile_id, job_id, reason, queued_at, updated_at)
       VALUES (@mediaId, @kind, @profileId, @jobId, @reason, @now, @now)
       ON CONFLICT (media_id) DO NOTHING`,
    ),
    forgetMedia: db.prepare(
      `UPDATE jobs SET media_id = NULL, upload_address = NULL, oss_endpoint = NULL, oss_bucket = NULL,
         object_key = NULL, upload_id = NULL, part_size = NULL, bytes_done = 0, crc64 = NULL, updated_at = ?
       WHERE id = ? AND media_id = ?`,
    ),
    deleteParts: db.prepare('DELETE FROM parts WHERE job_id = ?'),
    pending: db.prepare<[], DeletionRow>('SELECT * FROM media_deletions ORDER BY queued_at, media_id'),
    deleted: db.prepare('DELETE FROM media_deletions WHERE media_id = ?'),
    failed: db.prepare(
      'UPDATE media_deletions SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE media_id = ?',
    ),
    orphans: db.prepare<[], IntentRow>(
      `SELECT i.* FROM media_intents i LEFT JOIN jobs j ON j.id = i.job_id
       WHERE j.id IS NULL OR j.state IN ('done', 'canceled') ORDER BY i.started_at`,
    ),
  };

  const records = createCleanupRecords(db);
  return {
    newMarker() {
      return `${records.ensureInstallationId()}${randomBytes(12).toString('hex')}`;
    },
    intentFor(jobId) {
      const row = stmt.intentFor.get(jobId);
      return row ? toIntent(row) : undefined;
    },
    recordIntent(intent) {
      stmt.insertIntent.run(intent);
    },
    resolveIntent(marker) {
      stmt.resolve.run(marker);
    },
    discard: db.transaction((jobId: string | null, media: MediaToDiscard, resolveMarker?: string) => {
      const t = now();
      for (const mediaId of media.mediaIds) {
        stmt.queue.run({
          mediaId,
          kind: media.kind,
          profileId: media.profileId,
          jobId,
          reason: media.reason,
          now: t,
        });
        if (jobId !== null && stmt.forgetMedia.run(t, jobId, mediaId).changes > 0) {
          stmt.deleteParts.run(jobId);
        }
      }
      if (resolveMarker !== undefined) stmt.resolve.run(resolveMarker);
    }),
    pendingDeletions() {
      return stmt.pending.all().map(toDeletion);
    },
    deleted: db.transaction((mediaIds: readonly string[]) => {
      for (const id of mediaIds) stmt.deleted.run(id);
    }),
    deletionFailed: db.transaction((mediaIds: readonly string[], error: ErrorInfo) => {
      const t = now();
      for (const id of mediaIds) stmt.failed.run(JSON.stringify(error), t, id);
    }),
    orphanIntents() {
      return stmt.orphans.all().map(toIntent);
    },
  };
}
