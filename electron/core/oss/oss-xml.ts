import { XMLParser } from 'fast-xml-parser';

/**
 * OSS's XML bodies, read with every value kept as a string (ETags keep their quotes; numbers are parsed
 * where they are used) and `Part` always an array (ali-oss's single-part-as-object trap, reference §0.8).
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Servers escape the ETag's quotes as &quot; or as &#34;: decode both.
  htmlEntities: true,
  isArray: (name) => name === 'Part' || name === 'Upload',
});

type XmlNode = Record<string, unknown>;

export function parseXml(text: string): XmlNode {
  return parser.parse(text) as XmlNode;
}

function child(node: unknown, name: string): XmlNode | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as XmlNode)[name];
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

export function text(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as XmlNode)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** `<Error>` fields as a flat string map (Code, Message, RequestId, HostId, ServerTime, ...). */
export function parseErrorXml(xml: string): Record<string, string> | undefined {
  try {
    const error = child(parseXml(xml), 'Error');
    if (error === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(error)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

export function parseInitiateResult(xml: string): string | undefined {
  return text(child(parseXml(xml), 'InitiateMultipartUploadResult'), 'UploadId');
}

export interface ListedPart {
  readonly partNumber: number;
  /** With its quotes, as OSS sent it. */
  readonly etag: string;
  readonly size: number;
}

export interface ListPartsPage {
  readonly parts: ListedPart[];
  readonly isTruncated: boolean;
  readonly nextPartNumberMarker: string | undefined;
}

export function parseListPartsPage(xml: string): ListPartsPage {
  const result = child(parseXml(xml), 'ListPartsResult');
  if (result === undefined) throw new Error('ListParts answered without a ListPartsResult');
  const rawParts = (result['Part'] as unknown[] | undefined) ?? [];
  const parts = rawParts.map((p): ListedPart => {
    const partNumber = Number(text(p, 'PartNumber'));
    const size = Number(text(p, 'Size'));
    const etag = text(p, 'ETag') ?? '';
    if (!Number.isInteger(partNumber) || !Number.isFinite(size))
      throw new Error('ListParts returned a malformed Part');
    return { partNumber, etag, size };
  });
  return {
    parts,
    isTruncated: text(result, 'IsTruncated') === 'true',
    nextPartNumberMarker: text(result, 'NextPartNumberMarker'),
  };
}

export interface ListedUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string | undefined;
}

export interface ListUploadsPage {
  readonly uploads: ListedUpload[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker: string | undefined;
  readonly nextUploadIdMarker: string | undefined;
}

export function parseListUploadsPage(xml: string): ListUploadsPage {
  const result = child(parseXml(xml), 'ListMultipartUploadsResult');
  if (result === undefined) throw new Error('ListMultipartUploads answered without its result');
  const raw = (result['Upload'] as unknown[] | undefined) ?? [];
  return {
    uploads: raw.map((u) => ({
      key: text(u, 'Key') ?? '',
      uploadId: text(u, 'UploadId') ?? '',
      initiated: text(u, 'Initiated'),
    })),
    isTruncated: text(result, 'IsTruncated') === 'true',
    nextKeyMarker: text(result, 'NextKeyMarker'),
    nextUploadIdMarker: text(result, 'NextUploadIdMarker'),
  };
}

function escapeXml(value: string): string {
  // Quotes stay literal: ETags are quoted and element text needs no quote escaping.
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The CompleteMultipartUpload body: parts ascending, ETags as OSS gave them (quotes kept). */
export function completeBody(parts: readonly { partNumber: number; etag: string }[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const items = sorted
    .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${escapeXml(p.etag)}</ETag></Part>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>${items}</CompleteMultipartUpload>`;
}
