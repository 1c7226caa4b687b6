import { createHash } from 'node:crypto';
import { crc64Combine } from '../../../electron/core/oss/crc64';
import { readSmallBody } from '../http/body';
import { ServiceError } from '../http/errors';
import { checkClientDigests } from './check-digest';
import { MAX_PART_NUMBER, MIN_PART_SIZE, type OssContext, type OssRequest } from './context';
import { md5Etag, normalizeEtag, type OssResponse, xmlResponse } from './response';
import { type MultipartUpload, type StoredPart, removeBlob } from './store';
import { document, elements, parseCompleteBody } from './xml';

function noSuchUpload(): ServiceError {
  return new ServiceError(
    404,
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );
}

/** The upload named by ?uploadId, which must belong to the addressed object. */
function upload(ctx: OssContext, r: OssRequest): MultipartUpload {
  const found = ctx.store.uploads.get(r.query.get('uploadId') ?? '');
  if (!found || found.bucket !== r.target.bucket || found.key !== r.target.key) throw noSuchUpload();
  return found;
}

function urlEncoding(r: OssRequest): boolean {
  return r.query.get('encoding-type') === 'url';
}

function keyOut(r: OssRequest, key: string): string {
  return urlEncoding(r) ? encodeURIComponent(key) : key;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function initiateMultipartUpload(ctx: OssContext, r: OssRequest): OssResponse {
  const created = ctx.store.createUpload(
    r.target.bucket,
    r.target.key,
    r.req.headers['content-type'] ?? 'application/octet-stream',
    ctx.clock.now(),
  );
  const inner = elements([
    ['Bucket', created.bucket],
    ['Key', keyOut(r, created.key)],
    ['UploadId', created.uploadId],
    ...(urlEncoding(r) ? ([['EncodingType', 'url']] as const) : []),
  ]);
  return xmlResponse(200, document('InitiateMultipartUploadResult', inner));
}

function partNumber(r: OssRequest): number {
  const raw = r.query.get('partNumber') ?? '';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) {
    throw new ServiceError(
      400,
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive.',
      {
        ArgumentName: 'partNumber',
        ArgumentValue: raw,
      },
    );
  }
  return n;
}

export async function uploadPart(ctx: OssContext, r: OssRequest): Promise<OssResponse> {
  const n = partNumber(r);
  const target = upload(ctx, r);
  const blob = await ctx.receive(r.req);
  checkClientDigests(r.req, blob);
  // The upload may have been aborted or completed while the body streamed in.
  if (ctx.store.uploads.get(target.uploadId) !== target) {
    removeBlob(blob);
    throw noSuchUpload();
  }
  const part: StoredPart = { ...blob, partNumber: n, etag: md5Etag(blob.md5), lastModified: ctx.clock.now() };
  ctx.store.putPart(target, part);
  return {
    status: 200,
    headers: {
      etag: part.etag,
      'x-oss-hash-crc64ecma': part.crc64,
      'content-md5': blob.md5.toString('base64'),
    },
  };
}

export async function completeMultipartUpload(ctx: OssContext, r: OssRequest): Promise<OssResponse> {
  const target = upload(ctx, r);
  const body = (await readSmallBody(r.req)).toString('utf8');
  checkBodyMd5(r, body);
  let chosen: StoredPart[];
  if (r.req.headers['x-oss-complete-all'] === 'yes') {
    if (body.trim() !== '') {
      throw new ServiceError(400, 'InvalidArgument', 'x-oss-complete-all requires an empty body.');
    }
    chosen = [...target.parts.values()].sort((a, b) => a.partNumber - b.partNumber);
    if (chosen.length === 0) throw new ServiceError(400, 'InvalidPart', 'The upload has no parts.');
  } else {
    const listed = parseCompleteBody(body);
    if (!listed) {
      throw new ServiceError(
        400,
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema.',
      );
    }
    chosen = [];
    let previous = 0;
    for (const item of listed) {
      const n = /^\d+$/.test(item.partNumber) ? Number(item.partNumber) : NaN;
      if (!(n >= 1 && n <= MAX_PART_NUMBER) || n <= previous) {
        throw new ServiceError(
          400,
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts list must be specified in order by part number.',
        );
      }
      previous = n;
      const part = target.parts.get(n);
      if (!part || normalizeEtag(part.etag) !== normalizeEtag(item.etag)) {
        throw new ServiceError(
          400,
          'InvalidPart',
          "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
          {
            PartNumber: String(n),
            ETag: item.etag,
          },
        );
      }
      chosen.push(part);
    }
  }
  chosen.forEach((part, i) => {
    if (i < chosen.length - 1 && part.size < MIN_PART_SIZE) {
      throw new ServiceError(
        400,
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size.',
        {
          PartNumber: String(part.partNumber),
          MinSizeAllowed: String(MIN_PART_SIZE),
          ProposedSize: String(part.size),
        },
      );
    }
  });

  // Whole-object CRC from the part CRCs, as OSS does, with no second pass over the data.
  let crc = '0';
  let size = 0;
  const md5s = createHash('md5');
  for (const part of chosen) {
    crc = crc64Combine(crc, part.crc64, part.size);
    size += part.size;
    md5s.update(part.md5);
  }
  const etag = `"${md5s.digest('hex').toUpperCase()}-${chosen.length}"`;
  // Parts left out of the list are discarded, as OSS does; the chosen ones become the object's data.
  const keep = new Set(chosen);
  for (const part of target.parts.values()) if (!keep.has(part)) removeBlob(part);
  ctx.store.removeUpload(target.uploadId, true);
  ctx.store.putObject({
    bucket: target.bucket,
    key: target.key,
    size,
    etag,
    crc64: crc,
    contentMd5: undefined,
    type: 'Multipart',
    contentType: target.contentType,
    lastModified: ctx.clock.now(),
    segments: [...keep],
  });
  ctx.objectCompleted(target.bucket, target.key, size);
  const inner = elements([
    ...(urlEncoding(r) ? ([['EncodingType', 'url']] as const) : []),
    ['Location', `${ctx.ossEndpoint}/${target.bucket}/${encodeURIComponent(target.key)}`],
    ['Bucket', target.bucket],
    ['Key', keyOut(r, target.key)],
    ['ETag', etag],
  ]);
  return xmlResponse(200, document('CompleteMultipartUploadResult', inner), {
    'x-oss-hash-crc64ecma': crc,
    etag,
  });
}

function checkBodyMd5(r: OssRequest, body: string): void {
  const md5 = r.req.headers['content-md5'];
  if (typeof md5 === 'string' && md5 !== createHash('md5').update(body).digest('base64')) {
    throw new ServiceError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
  }
}

export function abortMultipartUpload(ctx: OssContext, r: OssRequest): OssResponse {
  ctx.store.removeUpload(upload(ctx, r).uploadId);
  return { status: 204 };
}

function boundedInteger(r: OssRequest, name: string, fallback: number, max: number): number {
  const raw = r.query.get(name);
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= max)) {
    throw new ServiceError(
      400,
      'InvalidArgument',
      `Argument ${name} must be an integer between 1 and ${max}.`,
      {
        ArgumentName: name,
        ArgumentValue: raw,
      },
    );
  }
  return n;
}

export function listParts(ctx: OssContext, r: OssRequest): OssResponse {
  const target = upload(ctx, r);
  const maxParts = boundedInteger(r, 'max-parts', 1000, 1000);
  const markerRaw = r.query.get('part-number-marker') ?? '';
  const marker = markerRaw === '' ? 0 : Number(markerRaw);
  if (!Number.isInteger(marker) || marker < 0) {
    throw new ServiceError(
      400,
      'InvalidArgument',
      'Argument part-number-marker must be a non-negative integer.',
    );
  }
  const all = [...target.parts.values()]
    .filter((p) => p.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, maxParts);
  const truncated = all.length > maxParts;
  const next = page.length > 0 ? page[page.length - 1]!.partNumber : marker;
  const parts = page
    .map(
      (p) =>
        `<Part>${elements([
          ['PartNumber', p.partNumber],
          ['LastModified', iso(p.lastModified)],
          ['ETag', p.etag],
          ...(ctx.omitCrc64() ? [] : ([['HashCrc64ecma', p.crc64]] as const)),
          ['Size', p.size],
        ])}</Part>`,
    )
    .join('');
  const inner =
    elements([
      ['Bucket', target.bucket],
      ['Key', keyOut(r, target.key)],
      ['UploadId', target.uploadId],
      ['PartNumberMarker', marker],
      ['NextPartNumberMarker', next],
      ['MaxParts', maxParts],
      ['IsTruncated', truncated],
      ...(urlEncoding(r) ? ([['EncodingType', 'url']] as const) : []),
    ]) + parts;
  return xmlResponse(200, document('ListPartsResult', inner));
}

export function listMultipartUploads(ctx: OssContext, r: OssRequest): OssResponse {
  const prefix = r.query.get('prefix') ?? '';
  const keyMarker = r.query.get('key-marker') ?? '';
  const idMarker = r.query.get('upload-id-marker') ?? '';
  const max = boundedInteger(r, 'max-uploads', 1000, 1000);
  const all = [...ctx.store.uploads.values()]
    .filter((u) => u.bucket === r.target.bucket && u.key.startsWith(prefix))
    .filter((u) => u.key > keyMarker || (u.key === keyMarker && idMarker !== '' && u.uploadId > idMarker))
    .sort((a, b) => (a.key === b.key ? (a.uploadId < b.uploadId ? -1 : 1) : a.key < b.key ? -1 : 1));
  const page = all.slice(0, max);
  const truncated = all.length > max;
  const last = page[page.length - 1];
  const uploads = page
    .map(
      (u) =>
        `<Upload>${elements([
          ['Key', keyOut(r, u.key)],
          ['UploadId', u.uploadId],
          ['StorageClass', 'Standard'],
          ['Initiated', iso(u.initiated)],
        ])}</Upload>`,
    )
    .join('');
  const inner =
    elements([
      ['Bucket', r.target.bucket],
      ['KeyMarker', keyMarker],
      ['UploadIdMarker', idMarker],
      ['NextKeyMarker', truncated && last ? keyOut(r, last.key) : ''],
      ['NextUploadIdMarker', truncated && last ? last.uploadId : ''],
      ['Delimiter', r.query.get('delimiter') ?? ''],
      ['Prefix', prefix],
      ['MaxUploads', max],
      ['IsTruncated', truncated],
    ]) + uploads;
  return xmlResponse(200, document('ListMultipartUploadsResult', inner));
}
