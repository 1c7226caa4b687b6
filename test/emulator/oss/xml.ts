import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XML_NS = 'http://doc.oss-cn-hangzhou.aliyuncs.com';

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `<Name>value</Name>` for each entry; a nested array of strings is written as-is (already XML). */
export function elements(fields: ReadonlyArray<readonly [string, string | number | boolean]>): string {
  return fields.map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
}

export function document(root: string, inner: string, namespaced = true): string {
  const ns = namespaced ? ` xmlns="${XML_NS}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}

export interface CompletePart {
  readonly partNumber: string;
  readonly etag: string;
}

/** Parses a CompleteMultipartUpload body; undefined when it is not well-formed or has no usable parts. */
export function parseCompleteBody(body: string): CompletePart[] | undefined {
  if (body.trim() === '' || XMLValidator.validate(body) !== true) return undefined;
  // Clients escape the ETag's quotes as &quot; or as numeric references (&#34;, &#x22;): both are XML.
  const parsed = new XMLParser({
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name) => name === 'Part',
  }).parse(body) as { CompleteMultipartUpload?: { Part?: Array<{ PartNumber?: unknown; ETag?: unknown }> } };
  const parts = parsed.CompleteMultipartUpload?.Part;
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const out: CompletePart[] = [];
  for (const p of parts) {
    if (typeof p.PartNumber !== 'string' || typeof p.ETag !== 'string') return undefined;
    out.push({ partNumber: p.PartNumber.trim(), etag: p.ETag.trim() });
  }
  return out;
}
