import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { ServiceError } from '../http/errors';
import { checkClientDigests } from './check-digest';
import { type OssContext, type OssRequest } from './context';
import { md5Etag, type OssResponse } from './response';
import { type StoredObject } from './store';

function contentType(r: OssRequest): string {
  return r.req.headers['content-type'] ?? 'application/octet-stream';
}

export async function putObject(ctx: OssContext, r: OssRequest): Promise<OssResponse> {
  if (
    r.req.headers['x-oss-forbid-overwrite'] === 'true' &&
    ctx.store.getObject(r.target.bucket, r.target.key)
  ) {
    throw new ServiceError(
      409,
      'FileAlreadyExists',
      'The object you specified already exists and can not be overwritten.',
    );
  }
  const blob = await ctx.receive(r.req);
  checkClientDigests(r.req, blob);
  const etag = md5Etag(blob.md5);
  ctx.store.putObject({
    bucket: r.target.bucket,
    key: r.target.key,
    size: blob.size,
    etag,
    crc64: blob.crc64,
    contentMd5: blob.md5.toString('base64'),
    type: 'Normal',
    contentType: contentType(r),
    lastModified: ctx.clock.now(),
    segments: [blob],
  });
  ctx.objectCompleted(r.target.bucket, r.target.key, blob.size);
  return {
    status: 200,
    headers: { etag, 'x-oss-hash-crc64ecma': blob.crc64, 'content-md5': blob.md5.toString('base64') },
  };
}

function existing(ctx: OssContext, r: OssRequest): StoredObject {
  const object = ctx.store.getObject(r.target.bucket, r.target.key);
  if (!object)
    throw new ServiceError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: r.target.key });
  return object;
}

function metaHeaders(object: StoredObject): Record<string, string | number> {
  return {
    etag: object.etag,
    'last-modified': new Date(object.lastModified).toUTCString(),
    'x-oss-hash-crc64ecma': object.crc64,
  };
}

function fullHeaders(object: StoredObject): Record<string, string | number> {
  return {
    ...metaHeaders(object),
    'content-type': object.contentType,
    'x-oss-object-type': object.type,
    'x-oss-storage-class': 'Standard',
    'accept-ranges': 'bytes',
    ...(object.contentMd5 ? { 'content-md5': object.contentMd5 } : {}),
  };
}

export function headObject(ctx: OssContext, r: OssRequest): OssResponse {
  const object = existing(ctx, r);
  return { status: 200, headers: { ...fullHeaders(object), 'content-length': object.size } };
}

export function getObjectMeta(ctx: OssContext, r: OssRequest): OssResponse {
  const object = existing(ctx, r);
  return { status: 200, headers: { ...metaHeaders(object), 'content-length': object.size } };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined when absent or not understood (OSS then sends all). */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) return 'invalid';
  return { start, end };
}

/** Streams [start, end] of an object that may span several part files. */
function streamRange(object: StoredObject, start: number, end: number): Readable {
  const out = new PassThrough();
  void (async () => {
    let offset = 0;
    for (const seg of object.segments) {
      const segStart = offset;
      offset += seg.size;
      if (offset <= start || segStart > end || seg.size === 0) continue;
      const from = Math.max(start, segStart) - segStart;
      const to = Math.min(end, offset - 1) - segStart;
      for await (const chunk of createReadStream(seg.path!, { start: from, end: to })) {
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
    }
    out.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

export function getObject(ctx: OssContext, r: OssRequest): OssResponse {
  const object = existing(ctx, r);
  if (!ctx.store.dataDir) {
    throw new ServiceError(400, 'NotImplemented', 'This emulator runs with --sink and keeps no object data.');
  }
  const range = parseRange(r.req.headers.range, object.size);
  if (range === 'invalid') {
    throw new ServiceError(416, 'InvalidRange', 'The requested range cannot be satisfied.');
  }
  const headers = fullHeaders(object);
  if (!range) {
    return {
      status: 200,
      headers: { ...headers, 'content-length': object.size },
      body: streamRange(object, 0, object.size - 1),
    };
  }
  // A range is not the whole object, so its MD5 header would be wrong.
  const { 'content-md5': _wholeMd5, ...rest } = headers;
  return {
    status: 206,
    headers: {
      ...rest,
      'content-length': range.end - range.start + 1,
      'content-range': `bytes ${range.start}-${range.end}/${object.size}`,
    },
    body: streamRange(object, range.start, range.end),
  };
}
