import { randomBytes } from 'node:crypto';
import type { JobState } from '../../../shared/domain/job-status';
import type { MediaKind } from '../../../shared/domain/media-kind';
import type { SqliteDatabase } from '../base/sqlite';

/** The settings row holding this data dir's installation id (not a user setting: settings:set never sees it). */
const INSTALLATION_KEY = 'ledger.installationId';

/** A job of this data dir that holds (or held) a media ID. */
export interface MediaOnRecord {
  readonly jobId: string;
  readonly path: string;
  readonly state: JobState;
  readonly kind: MediaKind;
  readonly profileId: string | null;
}

/** A multipart upload this data dir recorded and has not seen completed or aborted. */
export interface UploadOnRecord {
  readonly jobId: string;
  readonly path: string;
  readonly state: JobState;
  readonly kind: MediaKind;
  readonly profileId: string | null;
  readonly mediaId: string | null;
  readonly objectKey: string;
  readonly uploadId: string;
}

/**
 * What this data dir knows about the media it made, for the clean-up check (engine/media-doctor.ts): which
 * media IDs its jobs hold, which markers its unsaved creates carry, which multipart uploads it left open,
 * and the installation id every marker it writes starts with (so `doctor` can tell its own media from
 * another computer's).
 */
export interface CleanupRecords {
  /** Created on first use; a read-only database answers undefined until then. */
  installationId(): string | undefined;
  ensureInstallationId(): string;
  mediaOnRecord(): Map<string, MediaOnRecord>;
  /** marker → job id, for create intents not yet resolved. */
  intentMarkers(): Map<string, string>;
  uploadsOnRecord(): UploadOnRecord[];
  /** Media IDs of finished uploads in the history (never stray, whatever VOD says of them). */
  uploadedMediaIds(): Set<string>;
}

interface JobMediaRow {
  id: string;
  path: string;
  state: string;
  kind: string;
  profile_id: string | null;
  media_id: string | null;
  object_key: string | null;
  upload_id: string | null;
}

export function createCleanupRecords(db: SqliteDatabase): CleanupRecords {
  const stmt = {
    getId: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    putId: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    withMedia: db.prepare<[], JobMediaRow>(
      `SELECT id, path, state, kind, profile_id, media_id, object_key, upload_id FROM jobs
       WHERE media_id IS NOT NULL OR upload_id IS NOT NULL ORDER BY position`,
    ),
    intents: db.prepare<[], { marker: string; job_id: string }>('SELECT marker, job_id FROM media_intents'),
    uploaded: db.prepare<[], { media_id: string }>('SELECT media_id FROM history'),
  };

  function installationId(): string | undefined {
    const row = stmt.getId.get(INSTALLATION_KEY);
    if (row === undefined) return undefined;
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : undefined;
  }

  return {
    installationId,
    ensureInstallationId() {
      const known = installationId();
      if (known !== undefined) return known;
      stmt.putId.run(INSTALLATION_KEY, JSON.stringify(randomBytes(8).toString('hex')));
      return installationId()!;
    },
    mediaOnRecord() {
      const out = new Map<string, MediaOnRecord>();
      for (const r of stmt.withMedia.all()) {
        if (r.media_id === null) continue;
        out.set(r.media_id, {
          jobId: r.id,
          path: r.path,
          state: r.state as JobState,
          kind: r.kind as MediaKind,
          profileId: r.profile_id,
        });
      }
      return out;
    },
    intentMarkers() {
      return new Map(stmt.intents.all().map((r) => [r.marker, r.job_id]));
    },
    uploadedMediaIds() {
      return new Set(stmt.uploaded.all().map((r) => r.media_id));
    },
    uploadsOnRecord() {
      return stmt.withMedia
        .all()
        .filter((r) => r.upload_id !== null && r.object_key !== null)
        .map((r) => ({
          jobId: r.id,
          path: r.path,
          state: r.state as JobState,
          kind: r.kind as MediaKind,
          profileId: r.profile_id,
          mediaId: r.media_id,
          objectKey: r.object_key!,
          uploadId: r.upload_id!,
        }));
    },
  };
}
