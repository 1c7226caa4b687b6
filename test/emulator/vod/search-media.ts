import { invalidParameter } from '../http/errors';
import type { VodContext } from './context';
import type { MediaRecord } from './media';
import { extensionOf, optionalInteger } from './validate';

type Params = Readonly<Record<string, string>>;
type SearchType = 'video' | 'audio' | 'image' | 'attached';

const AUDIO_EXTENSIONS = new Set(['mp3', 'wav', 'm4a', 'aac', 'flac', 'wma', 'amr', 'ape']);

/** The fields a search may return (Fields) beside the defaults MediaId, CreationTime and MediaType. */
const RETURN_FIELDS: Readonly<Record<string, (r: MediaRecord) => unknown>> = {
  Title: (r) => r.title,
  Status: (r) => r.status,
  CreationTime: (r) => r.creationTime,
  ModificationTime: (r) => r.modificationTime,
  Size: (r) => r.size ?? 0,
  Description: (r) => r.description,
  Tags: (r) => r.tags,
  CateId: (r) => r.cateId,
  AppId: (r) => r.appId,
  // Assumed returnable (docs/emulator.md): the uploader finds its own marker in it.
  UserData: (r) => r.userData,
};

const SUB_OBJECT: Readonly<Record<SearchType, string>> = {
  video: 'Video',
  audio: 'Audio',
  image: 'Image',
  attached: 'AttachedMedia',
};

type Condition = (record: MediaRecord) => boolean;

const QUOTED = String.raw`'((?:[^'\\]|\\.)*)'`;
const LIST = String.raw`\(\s*${QUOTED}(?:\s*,\s*${QUOTED})*\s*\)`;

function unquoteAll(list: string): string[] {
  return [...list.matchAll(new RegExp(QUOTED, 'g'))].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

function idOf(field: string): boolean {
  return ['MediaId', 'VideoId', 'ImageId'].includes(field);
}

/**
 * The part of VOD's media search protocol the uploader uses, and nothing looser: conditions joined by
 * `and`; exact `MediaId|VideoId|ImageId = 'v'`; fuzzy `Title = 'v'` (substring); `Status = 'v'` or
 * `Status in ('a','b')`; range `CreationTime = ('from','to')` (ISO-8601 UTC, inclusive). Anything else is
 * InvalidParameter.
 */
function parseMatch(match: string): Condition[] {
  const parts = match.split(/\s+and\s+/i).map((p) => p.trim());
  return parts.map((part): Condition => {
    const m = /^(\w+)\s*(=|in)\s*(.+)$/i.exec(part);
    if (!m) throw invalidParameter('Match', `Cannot parse "${part}".`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const single = new RegExp(`^${QUOTED}$`).exec(value);
    const list = new RegExp(`^${LIST}$`).test(value) ? unquoteAll(value) : undefined;
    if (field === 'Status' && op.toLowerCase() === 'in' && list) return (r) => list.includes(r.status);
    if (op !== '=') throw invalidParameter('Match', `"${field} ${op}" is not supported.`);
    if (field === 'Status' && single) return (r) => r.status === single[1];
    if (field === 'Title' && single) return (r) => r.title.includes(single[1]!);
    if (idOf(field) && single) return (r) => r.mediaId === single[1];
    if (field === 'CreationTime' && list?.length === 2) {
      const [from, to] = list.map((t) => Date.parse(t)) as [number, number];
      if (Number.isNaN(from) || Number.isNaN(to)) throw invalidParameter('Match', 'Bad CreationTime range.');
      return (r) => Date.parse(r.creationTime) >= from && Date.parse(r.creationTime) <= to;
    }
    throw invalidParameter('Match', `"${part}" is not a supported condition.`);
  });
}

function searchTypeOf(record: MediaRecord): SearchType {
  if (record.kind === 'video') return AUDIO_EXTENSIONS.has(extensionOf(record.key)) ? 'audio' : 'video';
  return record.kind;
}

/** SearchMedia: SearchType, Match, Fields, SortBy (CreationTime:Desc|Asc), PageNo, PageSize (≤100). */
export function searchMedia(ctx: VodContext, params: Params): Record<string, unknown> {
  const searchType = (params.SearchType ?? 'video') as SearchType;
  if (!(searchType in SUB_OBJECT)) {
    throw invalidParameter('SearchType', 'It must be video, audio, image or attached.');
  }
  const fields = (params.Fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const f of fields) {
    if (!(f in RETURN_FIELDS)) throw invalidParameter('Fields', `"${f}" cannot be returned.`);
  }
  const sortBy = params.SortBy ?? 'CreationTime:Desc';
  if (sortBy !== 'CreationTime:Desc' && sortBy !== 'CreationTime:Asc') {
    throw invalidParameter('SortBy', 'It must be CreationTime:Desc or CreationTime:Asc.');
  }
  const pageNo = optionalInteger(params, 'PageNo') ?? 1;
  const pageSize = optionalInteger(params, 'PageSize') ?? 10;
  if (pageNo < 1) throw invalidParameter('PageNo', 'It must be at least 1.');
  if (pageSize < 1 || pageSize > 100) throw invalidParameter('PageSize', 'It must be 1 to 100.');
  if (pageNo * pageSize > 5000) {
    throw invalidParameter('PageNo', 'Paging reaches at most 5,000 results; narrow the search.');
  }
  const conditions = params.Match ? parseMatch(params.Match) : [];
  const hits = [...ctx.library.media.values()]
    .filter((r) => searchTypeOf(r) === searchType && conditions.every((c) => c(r)))
    .sort((a, b) => {
      const order = a.creationTime.localeCompare(b.creationTime) || a.mediaId.localeCompare(b.mediaId);
      return sortBy.endsWith('Asc') ? order : -order;
    });
  const page = hits.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return {
    Total: hits.length,
    MediaList: page.map((r) => ({
      MediaType: searchType,
      MediaId: r.mediaId,
      CreationTime: r.creationTime,
      [SUB_OBJECT[searchType]]: Object.fromEntries([
        [searchType === 'image' ? 'ImageId' : searchType === 'attached' ? 'MediaId' : 'VideoId', r.mediaId],
        ...fields.map((f) => [f, RETURN_FIELDS[f]!(r)]),
      ]),
    })),
  };
}
