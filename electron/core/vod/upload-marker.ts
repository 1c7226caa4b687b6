/**
 * The uploader's mark on a media it creates: a key in UserData's `Extend` object (VOD passes Extend through
 * to callbacks and keeps it with the media). With it, a media whose create answer was lost to a crash can
 * be found again (SearchMedia, docs/media-cleanup.md), and `doctor` can tell our unfinished media from others.
 */
export const MARKER_KEY = 'VodUploader';

type Json = Record<string, unknown>;

function parseObject(text: string | undefined): Json | undefined {
  if (text === undefined || text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user's UserData with our marker added to Extend. Left as it is (no marker) when it is not a JSON
 * object or its Extend is not one: the user's data wins, and that create simply cannot be found again.
 */
export function withMarker(userData: string | undefined, marker: string | undefined): string | undefined {
  if (marker === undefined) return userData;
  const data = parseObject(userData);
  if (data === undefined) return userData;
  const extend = data['Extend'] ?? {};
  if (typeof extend !== 'object' || extend === null || Array.isArray(extend)) return userData;
  return JSON.stringify({ ...data, Extend: { ...(extend as Json), [MARKER_KEY]: marker } });
}

/** The marker a media's UserData carries, if any. */
export function markerOf(userData: unknown): string | undefined {
  if (typeof userData !== 'string') return undefined;
  const extend = parseObject(userData)?.['Extend'];
  if (typeof extend !== 'object' || extend === null) return undefined;
  const marker = (extend as Json)[MARKER_KEY];
  return typeof marker === 'string' ? marker : undefined;
}
