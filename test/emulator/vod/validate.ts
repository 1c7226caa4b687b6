import { ServiceError, invalidParameter, missingParameter } from '../http/errors';

/** Parameter checks shared by the VOD actions, with the codes VOD answers. */

export function required(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

export function checkText(name: string, value: string | undefined, max: number): void {
  if (value === undefined) return;
  if ([...value].length > max) {
    throw new ServiceError(
      400,
      'LengthExceededMax',
      `The length of "${name}" exceeds the maximum of ${max}.`,
    );
  }
  if (/\p{Extended_Pictographic}/u.test(value)) {
    throw new ServiceError(400, 'IllegalCharacters', `"${name}" contains illegal characters.`);
  }
}

export function checkTags(tags: string | undefined): void {
  if (tags === undefined) return;
  const list = tags.split(',').filter((t) => t.trim() !== '');
  if (list.length > 16) throw new ServiceError(400, 'TagsExceededMax', 'The number of tags exceeds 16.');
  for (const tag of list) checkText('Tags', tag, 32);
}

export function optionalInteger(params: Readonly<Record<string, string>>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw invalidParameter(name, 'It must be a non-negative integer.');
  return Number(value);
}

export function checkUserData(value: string | undefined): void {
  if (value === undefined) return;
  try {
    JSON.parse(value);
  } catch {
    throw invalidParameter('UserData', 'It must be a JSON string.');
  }
}

/** A comma-separated ID list of at most `max` entries. */
export function idList(params: Readonly<Record<string, string>>, name: string, max = 20): string[] {
  const ids = required(params, name)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw missingParameter(name);
  if (ids.length > max) throw invalidParameter(name, `At most ${max} IDs are allowed.`);
  return ids;
}

export const VIDEO_EXTENSIONS = new Set(
  'mp4 ts 3gp mpg mpeg mpe dat vob asf avi wmv flv f4v rm rmvb mov mkv m3u8 dv gif m2t m4v mj2 mjpeg mts ogg qt swf webm mp3 wav m4a aac flac wma amr ape'.split(
    ' ',
  ),
);

export const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif']);

export const ATTACHED_EXTENSIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  watermark: new Set(['png', 'gif', 'apng', 'mov']),
  subtitle: new Set(['srt', 'ass', 'stl', 'ttml', 'vtt']),
  material: new Set(['jpg', 'gif', 'png', 'mp4', 'mat', 'zip', 'apk']),
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
