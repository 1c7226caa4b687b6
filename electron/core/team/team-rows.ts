import type { MediaKind } from '../../../shared/domain/media-kind';
import { UploadDefaultsSchema } from '../../../shared/domain/upload-defaults';
import type { TeamJob, TeamJobInput, TeamPart } from './team-types';

// Rows of the team queue's tables as `pg` returns them (BIGINT as a string, JSONB parsed), and their mapping.

export interface TeamJobRecord {
  id: string;
  position: string;
  path: string;
  name: string;
  kind: MediaKind;
  size: string;
  mtime_ms: number;
  fingerprint: string | null;
  destination: string;
  title: string;
  metadata: unknown;
  state: TeamJob['state'];
  lease_owner: string | null;
  unseen_by: string[];
  media_id: string | null;
  object_key: string | null;
  upload_id: string | null;
  part_size: string | null;
  attempts: number;
  last_error: string | null;
}

export interface TeamPartRecord {
  part_number: number;
  offset: string;
  size: string;
  etag: string;
  crc64: string;
}

/**
 * The duplicate rule of the team queue: with a fingerprint, size + fingerprint (a moved or renamed copy is the
 * same content); without one, size + mtime + path.
 */
export function contentKey(job: Pick<TeamJobInput, 'size' | 'mtimeMs' | 'fingerprint' | 'path'>): string {
  return job.fingerprint
    ? `fp:${job.size}:${job.fingerprint}`
    : `path:${job.size}:${job.mtimeMs}:${job.path}`;
}

export function toTeamJob(r: TeamJobRecord): TeamJob & { position: number } {
  return {
    id: r.id,
    position: Number(r.position),
    path: r.path,
    name: r.name,
    kind: r.kind,
    size: Number(r.size),
    mtimeMs: r.mtime_ms,
    fingerprint: r.fingerprint,
    destination: r.destination,
    title: r.title,
    metadata: UploadDefaultsSchema.parse(r.metadata),
    state: r.state,
    leaseOwner: r.lease_owner,
    unseenBy: r.unseen_by,
    mediaId: r.media_id,
    objectKey: r.object_key,
    uploadId: r.upload_id,
    partSize: r.part_size === null ? null : Number(r.part_size),
    attempts: r.attempts,
    lastError: r.last_error,
  };
}

export function toTeamPart(r: TeamPartRecord): TeamPart {
  return {
    partNumber: r.part_number,
    offset: Number(r.offset),
    size: Number(r.size),
    etag: r.etag,
    crc64: r.crc64,
  };
}
