import type { MediaKind } from '../domain/media-kind';
import type { UrlProblem } from '../domain/url-links';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, extensionOf } from './classify-file';

/**
 * Source URLs (upload from a link): what is accepted, how it is shown, and how a pasted list is read.
 *
 * - Only http and https. Anything else, or text that is not a URL, is refused with the reason.
 * - The file type comes from the last path segment's extension, as VOD's UploadMediaByURL requires:
 *   video and audio go up in either mode; images only by relay (VOD's pull takes audio and video only).
 * - What people and records see is `redactUrl(url)`: the user:password part and every query value are
 *   masked, and the fragment is dropped (signed links carry their signature in the query). The full URL is
 *   kept only in the queue's url_sources row, which history and logs never read.
 */

export type UrlMode = 'pull' | 'relay';

// The WHATWG URL parser exists in Node and in the renderer; shared/ compiles with neither's lib, so the
// part of it used here is declared.
interface ParsedUrl {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  pathname: string;
  search: string;
  hash: string;
  readonly searchParams: { keys(): IterableIterator<string> };
  toString(): string;
}
declare const URL: new (input: string) => ParsedUrl;

export type CheckedUrl =
  | {
      readonly ok: true;
      /** The URL to fetch, normalised by the URL parser (never shown). */
      readonly url: string;
      /** What may be shown, logged and stored in history. */
      readonly display: string;
      /** File name from the path ("trailer.mp4"). */
      readonly name: string;
      readonly kind: Exclude<MediaKind, 'attached'>;
      /** Carries a user:password or a query string: VOD cannot be trusted with it, relay it by default. */
      readonly private: boolean;
    }
  | { readonly ok: false; readonly input: string; readonly reason: string; readonly problem: UrlProblem };

export const REDACTED_PART = '***';

/** The URL with credentials masked: user:password@ and every query value. */
export function redactUrl(raw: string): string {
  let url: ParsedUrl;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/, `//${REDACTED_PART}@`).replace(/\?.*$/, `?${REDACTED_PART}`);
  }
  const hadAuth = url.username !== '' || url.password !== '';
  url.username = '';
  url.password = '';
  url.hash = '';
  const params = [...url.searchParams.keys()];
  const query = params.length > 0 ? `?${params.map((k) => `${k}=${REDACTED_PART}`).join('&')}` : '';
  url.search = '';
  const base = url.toString();
  return (hadAuth ? base.replace('://', `://${REDACTED_PART}@`) : base) + query;
}

/** Checks one URL as a person typed it; `mode` narrows what is accepted (pull: audio and video only). */
export function checkSourceUrl(input: string, mode?: UrlMode): CheckedUrl {
  const text = input.trim();
  const refuse = (problem: UrlProblem, reason: string): CheckedUrl => ({
    ok: false,
    input: redactUrl(text),
    reason,
    problem,
  });
  if (text === '') return refuse({ code: 'empty' }, 'empty line');
  let url: ParsedUrl;
  try {
    url = new URL(text);
  } catch {
    return refuse(
      { code: 'malformed' },
      'not a valid URL (it needs a scheme and a host, like https://example.com/clip.mp4)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(':', '');
    return refuse({ code: 'scheme', scheme }, `only http and https links can be uploaded, not ${scheme}`);
  }
  if (url.hostname === '') return refuse({ code: 'no-host' }, 'the URL has no host');
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  } catch {
    return refuse({ code: 'encoding' }, 'the URL path is not valid percent-encoding');
  }
  const ext = extensionOf(name);
  if (ext === '') {
    return refuse(
      { code: 'no-extension' },
      'the URL names no file with an extension, so VOD cannot tell its type',
    );
  }
  let kind: Exclude<MediaKind, 'attached'>;
  if (VIDEO_EXTENSIONS.has(ext) && ext !== 'gif') kind = 'video';
  else if (IMAGE_EXTENSIONS.has(ext)) kind = 'image';
  else return refuse({ code: 'extension', ext }, `.${ext} files are not accepted by VOD`);
  if (kind === 'image' && mode === 'pull') {
    return refuse(
      { code: 'image-pull' },
      'VOD pulls only audio and video from a link; images go by relay (--url-mode relay)',
    );
  }
  return {
    ok: true,
    url: url.toString(),
    display: redactUrl(url.toString()),
    name,
    kind,
    private: url.username !== '' || url.password !== '' || url.search !== '',
  };
}

/** The mode a URL gets when the batch does not choose: pull for public audio/video links, relay otherwise. */
export function defaultUrlMode(checked: Extract<CheckedUrl, { ok: true }>): UrlMode {
  return checked.kind === 'video' && !checked.private ? 'pull' : 'relay';
}

/**
 * The URLs in a pasted text or a .txt/.csv list: one per line; in a CSV line, every cell that starts with
 * http:// or https:// (so a header row or a title column is ignored). Blank lines and # comments are skipped.
 * Other non-empty lines come back as they are, so the check can say why they were refused.
 */
export function readUrlList(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^https?:\/\/\S+$/i.test(line)) {
      out.push(line);
      continue;
    }
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const urls = cells.filter((c) => /^https?:\/\//i.test(c));
    if (urls.length > 0) out.push(...urls);
    else if (!/[,;\t]/.test(line)) out.push(line);
  }
  return out;
}

/** True when an argument names a link rather than a local path. */
export function looksLikeUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.trim());
}
