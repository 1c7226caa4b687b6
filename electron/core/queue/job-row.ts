import type { ErrorInfo } from '../../../shared/domain/errors';
import { ErrorInfoSchema } from '../../../shared/domain/errors';
import { JobStatusSchema, type JobStatus } from '../../../shared/domain/job-status';
import type { AttachedBusinessType, MediaKind } from '../../../shared/domain/media-kind';
import type { JobView } from '../../../shared/domain/queue';
import { UploadDefaultsSchema, type UploadDefaults } from '../../../shared/domain/upload-defaults';

/** A job as stored, in camelCase, with its JSON columns parsed. */
export interface JobRow {
  readonly id: string;
  readonly position: number;
  /** Absolute path of the source file. */
  readonly path: string;
  /** Folder the drop was relative to (the dropped folder's parent). */
  readonly root: string;
  /** Folder of the file relative to `root`, '/'-separated ('' for a file dropped on its own). */
  readonly relativeDir: string;
  readonly name: string;
  readonly kind: MediaKind;
  readonly businessType: AttachedBusinessType | null;
  readonly size: number;
  readonly mtimeMs: number;
  /** Sampled hash of the source, recorded when the upload starts (see scan/fingerprint.ts). */
  readonly fingerprint: string | null;
  readonly profileId: string | null;
  readonly title: string;
  readonly metadata: UploadDefaults;
  readonly status: JobStatus;
  readonly mediaId: string | null;
  /** Base64 UploadAddress as VOD returned it (never the UploadAuth). */
  readonly uploadAddress: string | null;
  readonly ossEndpoint: string | null;
  readonly ossBucket: string | null;
  readonly objectKey: string | null;
  readonly uploadId: string | null;
  readonly partSize: number | null;
  /** Bytes in completed parts (written with each part, not per chunk). */
  readonly bytesDone: number;
  readonly crc64: string | null;
  readonly attempts: number;
  readonly lastError: ErrorInfo | null;
  readonly addedAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  /** Where it goes: a key for duplicate checks, and the words for people (null for rows from before 0004). */
  readonly destination: string | null;
  readonly destinationLabel: string | null;
}

/** The raw SQLite row. */
export interface JobRecord {
  id: string;
  position: number;
  path: string;
  root: string;
  relative_dir: string;
  name: string;
  kind: string;
  business_type: string | null;
  size: number;
  mtime_ms: number;
  fingerprint: string | null;
  profile_id: string | null;
  title: string;
  metadata: string;
  state: string;
  status: string;
  media_id: string | null;
  upload_address: string | null;
  oss_endpoint: string | null;
  oss_bucket: string | null;
  object_key: string | null;
  upload_id: string | null;
  part_size: number | null;
  bytes_done: number;
  crc64: string | null;
  attempts: number;
  last_error: string | null;
  added_at: number;
  updated_at: number;
  finished_at: number | null;
  destination: string | null;
  destination_label: string | null;
}

export function fromRecord(r: JobRecord): JobRow {
  return {
    id: r.id,
    position: r.position,
    path: r.path,
    root: r.root,
    relativeDir: r.relative_dir,
    name: r.name,
    kind: r.kind as MediaKind,
    businessType: r.business_type as AttachedBusinessType | null,
    size: r.size,
    mtimeMs: r.mtime_ms,
    fingerprint: r.fingerprint,
    profileId: r.profile_id,
    title: r.title,
    metadata: parseMetadata(r.metadata),
    status: parseStatus(r.status),
    mediaId: r.media_id,
    uploadAddress: r.upload_address,
    ossEndpoint: r.oss_endpoint,
    ossBucket: r.oss_bucket,
    objectKey: r.object_key,
    uploadId: r.upload_id,
    partSize: r.part_size,
    bytesDone: r.bytes_done,
    crc64: r.crc64,
    attempts: r.attempts,
    lastError: r.last_error === null ? null : ErrorInfoSchema.parse(JSON.parse(r.last_error)),
    addedAt: r.added_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    destination: r.destination,
    destinationLabel: r.destination_label,
  };
}

/**
 * A batch shares one metadata JSON, and most jobs share a handful of status values, so parsed values are
 * memoised by their text (frozen, since rows share them): listing 10,000 jobs then validates a few dozen
 * distinct strings instead of 20,000.
 */
function memoParse<T>(parse: (text: string) => T, max = 512): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = Object.freeze(parse(text));
      if (cache.size >= max) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
}

const parseMetadata = memoParse((text) => UploadDefaultsSchema.parse(JSON.parse(text)));
const parseStatus = memoParse((text) => JobStatusSchema.parse(JSON.parse(text)));
const parseError = (text: string) => ErrorInfoSchema.parse(JSON.parse(text));

/** The columns a JobView needs (job-views.ts selects only these: no metadata, no upload details). */
export type JobViewRecord = Pick<
  JobRecord,
  | 'id'
  | 'path'
  | 'name'
  | 'relative_dir'
  | 'kind'
  | 'size'
  | 'bytes_done'
  | 'status'
  | 'media_id'
  | 'profile_id'
  | 'title'
  | 'position'
  | 'added_at'
  | 'attempts'
  | 'last_error'
>;

export const JOB_VIEW_COLUMNS =
  'id, path, name, relative_dir, kind, size, bytes_done, status, media_id, profile_id, title, position, added_at, attempts, last_error';

/** Same view as toJobView(fromRecord(r)), without parsing the columns a view does not show. */
export function viewFromRecord(r: JobViewRecord): JobView {
  return {
    id: r.id,
    path: r.path,
    name: r.name,
    relativeDir: r.relative_dir,
    kind: r.kind as MediaKind,
    size: r.size,
    bytesDone: Math.min(r.bytes_done, r.size),
    speed: 0,
    etaSeconds: null,
    status: parseStatus(r.status),
    mediaId: r.media_id,
    profileId: r.profile_id,
    title: r.title,
    position: r.position,
    addedAt: r.added_at,
    retryCount: r.attempts,
    lastError: r.last_error === null ? null : parseError(r.last_error),
  };
}

/**
 * The renderer's view of a stored job. Speed and ETA are live values the engine overlays; from the database
 * alone they are 0 and unknown.
 */
export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    relativeDir: row.relativeDir,
    kind: row.kind,
    size: row.size,
    bytesDone: Math.min(row.bytesDone, row.size),
    speed: 0,
    etaSeconds: null,
    status: row.status,
    mediaId: row.mediaId,
    profileId: row.profileId,
    title: row.title,
    position: row.position,
    addedAt: row.addedAt,
    retryCount: row.attempts,
    lastError: row.lastError,
  };
}
