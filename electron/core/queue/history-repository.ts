import type { HistoryRow } from '../../../shared/domain/history';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { SqliteDatabase } from '../base/sqlite';

/** A history row as written (more than the renderer sees: what a later duplicate check needs). */
export interface HistoryEntry {
  readonly id: string;
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | null;
  readonly title: string;
  readonly path: string;
  readonly relativeDir: string;
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly fingerprint: string | null;
  readonly profileId: string | null;
  readonly profileName: string | null;
  readonly addedAt: number;
  readonly finishedAt: number;
  readonly vodStatus: string | null;
  readonly crc64: string | null;
  readonly destination: string | null;
  readonly destinationLabel: string | null;
  readonly tags: readonly string[];
}

/** An earlier upload with the same size and mtime, to the same destination: a possible copy. */
export interface UploadedMatch {
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly path: string;
  readonly fingerprint: string | null;
  readonly finishedAt: number;
  readonly destinationLabel: string | null;
}

export interface HistoryQuery {
  /** Substring of the name, title, media id or a tag (case-insensitive for ASCII). Empty: everything. */
  readonly query?: string;
  /** Substring of the folder the file was uploaded from (its path without the name). Empty: any. */
  readonly folder?: string;
  /** One of the upload's tags, whole (case-insensitive for ASCII). Empty: any. */
  readonly tag?: string;
  readonly limit?: number;
  readonly offset?: number;
}

interface HistoryRecord {
  id: string;
  media_id: string;
  kind: string;
  title: string;
  path: string;
  name: string;
  size: number;
  profile_id: string | null;
  profile_name: string | null;
  finished_at: number;
  vod_status: string | null;
  crc64: string | null;
  tags: string;
  relative_dir: string;
  duration: number | null;
  cover_url: string | null;
}

export interface HistoryRepository {
  insert(entry: HistoryEntry): void;
  /** One page of rows matching the query (newest first), and how many match in all. */
  list(q?: HistoryQuery): { rows: HistoryRow[]; total: number };
  /** Every matching row, or exactly the given ids, for export. */
  listForExport(q: Omit<HistoryQuery, 'limit' | 'offset'> & { ids?: readonly string[] }): HistoryRow[];
  /** Uploads of this size and mtime to `destination`, newest first: candidates for the same content. */
  findSameContent(size: number, mtimeMs: number, destination: string | null): UploadedMatch[];
  /** Records VOD's status of a media (Uploading, Normal, ...) as last polled. */
  /** VOD's status of a video, and once processed its duration (seconds) and cover URL. */
  setVodStatus(mediaId: string, vodStatus: string, details?: VodDetails): void;
  /**
   * Videos finished since `since` whose VOD status may still change (never polled, or still uploading,
   * transcoding or under review), oldest first, for the status poller.
   */
  listProcessing(since: number, limit: number): { mediaId: string; profileId: string | null }[];
  /** The newest upload for each media id or source path given, in the order given (unknown ones left out). */
  findUploads(mediaIdsOrPaths: readonly string[]): HistoryRow[];
}

export interface VodDetails {
  readonly duration?: number | undefined;
  readonly coverUrl?: string | undefined;
}

/** VOD video statuses that still move on their own (reference §1.8). */
export const PROCESSING_VOD_STATUSES = ['Uploading', 'UploadSucc', 'Transcoding', 'Checking'] as const;

const COLUMNS =
  'id, media_id, kind, title, path, relative_dir, name, size, profile_id, profile_name, finished_at, vod_status, crc64, tags, duration, cover_url';
const MATCH =
  // The search box matches the path too: a folder ("Day 1"), a card, a relative path.
  "(@text = '' OR name LIKE @pattern ESCAPE '\\' OR path LIKE @pattern ESCAPE '\\' OR title LIKE @pattern ESCAPE '\\' OR media_id LIKE @pattern ESCAPE '\\'" +
  " OR EXISTS (SELECT 1 FROM json_each(history.tags) WHERE value LIKE @pattern ESCAPE '\\'))" +
  " AND (@folder = '' OR substr(path, 1, length(path) - length(name)) LIKE @folderPattern ESCAPE '\\')" +
  " AND (@tag = '' OR EXISTS (SELECT 1 FROM json_each(history.tags) WHERE lower(value) = lower(@tag)))";

/** Finished uploads, newest first. */
export function createHistoryRepository(db: SqliteDatabase): HistoryRepository {
  const stmt = {
    insert:
      db.prepare(`INSERT INTO history (id, media_id, kind, business_type, title, path, relative_dir, name,
        size, mtime_ms, fingerprint, profile_id, profile_name, added_at, finished_at, vod_status, crc64,
        destination, destination_label, tags)
      VALUES (@id, @mediaId, @kind, @businessType, @title, @path, @relativeDir, @name, @size, @mtimeMs,
        @fingerprint, @profileId, @profileName, @addedAt, @finishedAt, @vodStatus, @crc64, @destination,
        @destinationLabel, @tags)`),
    page: db.prepare<[Match & { limit: number; offset: number }], HistoryRecord>(
      `SELECT ${COLUMNS} FROM history WHERE ${MATCH} ORDER BY finished_at DESC, id LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare<[Match], { n: number }>(`SELECT count(*) AS n FROM history WHERE ${MATCH}`),
    all: db.prepare<[Match], HistoryRecord>(
      `SELECT ${COLUMNS} FROM history WHERE ${MATCH} ORDER BY finished_at DESC, id`,
    ),
    byIds: db.prepare<[string], HistoryRecord>(
      `SELECT ${COLUMNS} FROM history WHERE id IN (SELECT value FROM json_each(?)) ORDER BY finished_at DESC, id`,
    ),
    sameContent: db.prepare<[number, number, string | null], UploadedMatch>(
      `SELECT media_id AS mediaId, kind, path, fingerprint, finished_at AS finishedAt,
         destination_label AS destinationLabel
       FROM history WHERE size = ? AND mtime_ms = ? AND destination IS ? ORDER BY finished_at DESC`,
    ),
    vodStatus: db.prepare(
      'UPDATE history SET vod_status = ?, duration = coalesce(?, duration), cover_url = coalesce(?, cover_url) WHERE media_id = ?',
    ),
    byMediaOrPath: db.prepare<[string, string], HistoryRecord>(
      `SELECT ${COLUMNS} FROM history WHERE media_id = ? OR path = ? ORDER BY finished_at DESC LIMIT 1`,
    ),
    processing: db.prepare<[number, number], { mediaId: string; profileId: string | null }>(
      `SELECT media_id AS mediaId, profile_id AS profileId FROM history
       WHERE kind = 'video' AND finished_at >= ?
         AND (vod_status IS NULL OR vod_status IN (${PROCESSING_VOD_STATUSES.map((s) => `'${s}'`).join(', ')}))
       ORDER BY finished_at LIMIT ?`,
    ),
  };

  return {
    insert(entry: HistoryEntry): void {
      stmt.insert.run({ ...entry, tags: JSON.stringify(entry.tags) });
    },

    list(q: HistoryQuery = {}): { rows: HistoryRow[]; total: number } {
      const match = matchArgs(q);
      const rows = stmt.page
        .all({ ...match, limit: q.limit ?? 500, offset: q.offset ?? 0 })
        .map(toHistoryRow);
      const total = stmt.count.get(match)?.n ?? 0;
      return { rows, total };
    },

    listForExport(q: { query?: string; folder?: string; ids?: readonly string[] }): HistoryRow[] {
      if (q.ids) return stmt.byIds.all(JSON.stringify(q.ids)).map(toHistoryRow);
      return stmt.all.all(matchArgs(q)).map(toHistoryRow);
    },

    findSameContent(size: number, mtimeMs: number, destination: string | null): UploadedMatch[] {
      return stmt.sameContent.all(size, mtimeMs, destination);
    },

    listProcessing(since: number, limit: number) {
      return stmt.processing.all(since, limit);
    },

    findUploads(mediaIdsOrPaths: readonly string[]): HistoryRow[] {
      const out: HistoryRow[] = [];
      for (const key of mediaIdsOrPaths) {
        const row = stmt.byMediaOrPath.get(key, key);
        if (row && !out.some((r) => r.id === row.id)) out.push(toHistoryRow(row));
      }
      return out;
    },

    setVodStatus(mediaId: string, vodStatus: string, details?: VodDetails): void {
      stmt.vodStatus.run(vodStatus, details?.duration ?? null, details?.coverUrl ?? null, mediaId);
    },
  };
}

interface Match {
  text: string;
  pattern: string;
  folder: string;
  folderPattern: string;
  tag: string;
}

function matchArgs(q: Pick<HistoryQuery, 'query' | 'folder' | 'tag'>): Match {
  const text = (q.query ?? '').trim();
  const folder = (q.folder ?? '').trim();
  return { text, pattern: like(text), folder, folderPattern: like(folder), tag: (q.tag ?? '').trim() };
}

function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function toHistoryRow(r: HistoryRecord): HistoryRow {
  return {
    id: r.id,
    mediaId: r.media_id,
    kind: r.kind as HistoryRow['kind'],
    title: r.title,
    path: r.path,
    name: r.name,
    size: r.size,
    profileId: r.profile_id,
    profileName: r.profile_name,
    finishedAt: r.finished_at,
    vodStatus: r.vod_status,
    crc64: r.crc64,
    tags: JSON.parse(r.tags) as string[],
    relativeDir: r.relative_dir,
    duration: r.duration,
    coverUrl: r.cover_url,
  };
}
