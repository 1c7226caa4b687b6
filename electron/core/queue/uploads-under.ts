import type { MediaKind } from '../../../shared/domain/media-kind';
import type { SqliteDatabase } from '../base/sqlite';

/** An upload as the after-upload actions need it: where its file was, as it was, and VOD's last status. */
export interface UploadedFile {
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly vodStatus: string | null;
}

/**
 * Uploads finished since `since` whose file was under `folder` (a path prefix ending with the separator),
 * oldest first. A watched folder's delete-after-upload action looks at these each sweep.
 */
export function uploadsUnder(db: SqliteDatabase, folder: string, since: number): UploadedFile[] {
  return db
    .prepare<[string, string, number], UploadedFile>(
      `SELECT media_id AS mediaId, kind, path, size, mtime_ms AS mtimeMs, vod_status AS vodStatus
         FROM history WHERE substr(path, 1, length(?)) = ? AND finished_at >= ? ORDER BY finished_at`,
    )
    .all(folder, folder, since);
}
