import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hexId } from '../ids';

/** A received body: its digest, and where its bytes are unless the emulator runs as a sink. */
export interface Blob {
  readonly size: number;
  readonly md5: Buffer;
  readonly crc64: string;
  readonly path: string | undefined;
}

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly crc64: string;
  /** base64 MD5; only Normal (PutObject) objects have one. */
  readonly contentMd5: string | undefined;
  readonly type: 'Normal' | 'Multipart';
  readonly contentType: string;
  readonly lastModified: number;
  /** The data, in order (a multipart object keeps its part files rather than copying them). */
  readonly segments: readonly Blob[];
}

export interface StoredPart extends Blob {
  readonly partNumber: number;
  readonly etag: string;
  readonly lastModified: number;
}

export interface MultipartUpload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: number;
  readonly contentType: string;
  readonly parts: Map<number, StoredPart>;
}

/** Objects and multipart uploads, in memory; bodies in `dataDir` (or nowhere with --sink). */
export class OssStore {
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, MultipartUpload>();

  constructor(readonly dataDir: string | undefined) {}

  /** A fresh file path for a body, or undefined in sink mode. */
  newBlobPath(): string | undefined {
    return this.dataDir ? join(this.dataDir, hexId(12)) : undefined;
  }

  getObject(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  putObject(object: StoredObject): void {
    const id = `${object.bucket}/${object.key}`;
    const old = this.objects.get(id);
    this.objects.set(id, object);
    if (old) for (const seg of old.segments) if (!object.segments.includes(seg)) removeBlob(seg);
  }

  deleteObject(bucket: string, key: string): void {
    const id = `${bucket}/${key}`;
    const old = this.objects.get(id);
    this.objects.delete(id);
    if (old) for (const seg of old.segments) removeBlob(seg);
  }

  createUpload(bucket: string, key: string, contentType: string, now: number): MultipartUpload {
    // OSS upload IDs are 32 upper-case hex characters.
    const upload: MultipartUpload = {
      uploadId: hexId(16).toUpperCase(),
      bucket,
      key,
      initiated: now,
      contentType,
      parts: new Map(),
    };
    this.uploads.set(upload.uploadId, upload);
    return upload;
  }

  putPart(upload: MultipartUpload, part: StoredPart): void {
    const old = upload.parts.get(part.partNumber);
    upload.parts.set(part.partNumber, part);
    if (old) removeBlob(old);
  }

  /** Removes an upload; its part files too unless they now belong to a completed object. */
  removeUpload(uploadId: string, keepParts = false): boolean {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    this.uploads.delete(uploadId);
    if (!keepParts) for (const part of upload.parts.values()) removeBlob(part);
    return true;
  }

  abortUploadsFor(bucket: string, key: string): number {
    let n = 0;
    for (const upload of [...this.uploads.values()]) {
      if (upload.bucket === bucket && upload.key === key && this.removeUpload(upload.uploadId)) n++;
    }
    return n;
  }
}

export function removeBlob(blob: Blob): void {
  if (blob.path) rmSync(blob.path, { force: true });
}
