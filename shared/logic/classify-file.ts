import type { AttachedBusinessType, MediaKind } from '../domain/media-kind';

/**
 * Which VOD upload a file goes through, decided by its extension (case-insensitive).
 *
 * - Video and audio → CreateUploadVideo: VOD's list (reference §1.10) plus common audio formats.
 * - png, jpg, jpeg, gif → CreateUploadImage (its ImageExt values). gif is also in VOD's video list; an
 *   animated gif is far more often a picture than footage, so it is an image unless the batch says otherwise.
 * - srt, ass, stl, ttml, vtt → attached media, subtitle (the only way VOD takes them).
 * - apng → attached, watermark; mat, zip, apk → attached, material (the only business type each is
 *   accepted for, reference §1.6).
 * - A batch marked "watermark" or "material" sends every file that business type accepts as attached media
 *   of that type (watermark: png, gif, apng, mov; material: jpg, jpeg, gif, png, mp4, mat, zip, apk); the
 *   other files of the batch keep their usual kind.
 * - Anything else is not taken by VOD and is skipped with the reason.
 */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  // VOD's video list
  'mp4', 'ts', '3gp', 'mpg', 'mpeg', 'mpe', 'dat', 'vob', 'asf', 'avi', 'wmv', 'flv', 'f4v', 'rm', 'rmvb',
  'mov', 'mkv', 'm3u8', 'dv', 'm2t', 'm4v', 'mj2', 'mjpeg', 'mts', 'ogg', 'qt', 'swf', 'webm',
  // audio, also uploaded with CreateUploadVideo
  'mp3', 'm4a', 'wav', 'aac', 'flac', 'wma', 'ape', 'amr', 'aif', 'aiff', 'opus',
]); // prettier-ignore

/** The audio formats among VIDEO_EXTENSIONS: they go through CreateUploadVideo, and are labelled Audio. */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp3', 'm4a', 'wav', 'aac', 'flac', 'wma', 'ape', 'amr', 'aif', 'aiff', 'opus',
]); // prettier-ignore

export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif']);

export const ATTACHED_EXTENSIONS: Readonly<Record<AttachedBusinessType, ReadonlySet<string>>> = {
  subtitle: new Set(['srt', 'ass', 'stl', 'ttml', 'vtt']),
  watermark: new Set(['png', 'gif', 'apng', 'mov']),
  material: new Set(['jpg', 'jpeg', 'gif', 'png', 'mp4', 'mat', 'zip', 'apk']),
};

/** How a batch wants files that could be attached media treated; undefined: by extension alone. */
export type AttachedAs = 'watermark' | 'material';

export type Classification =
  | { readonly kind: Exclude<MediaKind, 'attached'>; readonly businessType: null }
  | { readonly kind: 'attached'; readonly businessType: AttachedBusinessType }
  | { readonly kind: null; readonly reason: string };

/** The extension without the dot, lower-cased ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

export function classifyFile(name: string, attachedAs?: AttachedAs): Classification {
  const ext = extensionOf(name);
  if (ext === '') return { kind: null, reason: 'no file extension, so VOD cannot tell its type' };
  if (attachedAs && ATTACHED_EXTENSIONS[attachedAs].has(ext))
    return { kind: 'attached', businessType: attachedAs };
  if (ATTACHED_EXTENSIONS.subtitle.has(ext)) return { kind: 'attached', businessType: 'subtitle' };
  if (IMAGE_EXTENSIONS.has(ext)) return { kind: 'image', businessType: null };
  if (VIDEO_EXTENSIONS.has(ext)) return { kind: 'video', businessType: null };
  if (ext === 'apng') return { kind: 'attached', businessType: 'watermark' };
  if (ATTACHED_EXTENSIONS.material.has(ext)) return { kind: 'attached', businessType: 'material' };
  return { kind: null, reason: `.${ext} files are not accepted by VOD` };
}
