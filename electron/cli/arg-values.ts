import type { BatchOptions } from '../../shared/domain/upload-defaults';
import { isJsonObject, JSON_OBJECT_HINT } from '../../shared/logic/json-object';
import type { RunLimits } from '../core/app/app-services';
import { UsageError } from './cli-error';
import { parseSize } from './sizes';

/** The upload metadata flags of `upload` (everything a batch takes but the profile). */
export type Metadata = Omit<BatchOptions, 'profileId'>;

/*
 * The values of the CLI's flags, checked and converted: limits, metadata, whole numbers and sizes. A bad
 * value is a UsageError that names the flag, the range and what was given.
 */

export function limitsOf(values: {
  files?: string | undefined;
  parts?: string | undefined;
  'part-size'?: string | undefined;
  'limit-rate'?: string | undefined;
}): RunLimits {
  const out: RunLimits = {};
  if (values.files !== undefined) out.filesAtOnce = integer('', '--files', values.files, 1, 128);
  if (values.parts !== undefined) out.partsInFlight = integer('', '--parts', values.parts, 1, 128);
  if (values['part-size'] !== undefined) {
    out.partSize = size('--part-size', values['part-size'], 100 * 1024, 5 * 1024 ** 3, '100KiB to 5GiB');
  }
  if (values['limit-rate'] !== undefined) {
    out.bandwidthLimit = size(
      '--limit-rate',
      values['limit-rate'],
      0,
      Number.MAX_SAFE_INTEGER,
      '0 (no limit) or more',
    );
  }
  return out;
}

export function metadataOf(values: Record<string, string | boolean | undefined>, command: string): Metadata {
  const text = (key: string, max: number): string | undefined => {
    const value = values[key];
    if (typeof value !== 'string') return undefined;
    if (value.length > max) throw new UsageError(`${command}: --${key} is longer than ${max} characters.`);
    return value;
  };
  const out: Metadata = {};
  const title = text('title', 256);
  if (title !== undefined) {
    if (title.trim() === '') throw new UsageError(`${command}: --title needs a template, e.g. "{name}".`);
    out.titleTemplate = title;
  }
  const description = text('description', 1024);
  if (description !== undefined) out.description = description;
  const tags = text('tags', 16 * 33);
  if (tags !== undefined) {
    const list = tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (list.length > 16) throw new UsageError(`${command}: --tags takes at most 16 tags.`);
    const long = list.find((t) => t.length > 32);
    if (long) throw new UsageError(`${command}: the tag "${long}" is longer than 32 characters.`);
    out.tags = list;
  }
  const cateId = text('cate-id', 32);
  if (cateId !== undefined) out.cateId = integer(command, '--cate-id', cateId, 1, Number.MAX_SAFE_INTEGER);
  const templateGroup = text('template-group', 128);
  if (templateGroup !== undefined) out.templateGroupId = templateGroup;
  const workflowId = text('workflow-id', 128);
  if (workflowId !== undefined) out.workflowId = workflowId;
  const storage = text('storage-location', 256);
  if (storage !== undefined) out.storageLocation = storage;
  const appId = text('app-id', 128);
  if (appId !== undefined) out.appId = appId;
  const userData = text('user-data', 4096);
  if (userData !== undefined) {
    if (!isJsonObject(userData)) throw new UsageError(`${command}: --user-data ${JSON_OBJECT_HINT}.`);
    out.userData = userData;
  }
  const coverUrl = text('cover-url', 1024);
  if (coverUrl !== undefined) {
    if (!URL.canParse(coverUrl))
      throw new UsageError(`${command}: --cover-url needs a URL (got "${coverUrl}").`);
    out.coverUrl = coverUrl;
  }
  const imageType = text('image-type', 16);
  if (imageType === 'default' || imageType === 'cover') out.imageType = imageType;
  const attachedAs = text('attached-as', 16);
  if (attachedAs === 'watermark' || attachedAs === 'material') out.attachedAs = attachedAs;
  return out;
}

export function integer(command: string, flag: string, text: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${command ? `${command}: ` : ''}${flag} must be a whole number from ${min} to ${max} (got "${text}").`,
    );
  }
  return value;
}

function size(flag: string, text: string, min: number, max: number, range: string): number {
  const value = parseSize(text);
  if (value === undefined) {
    throw new UsageError(`${flag} takes bytes or a size like 8MiB, 512KiB, 1GiB (got "${text}").`);
  }
  if (value < min || value > max) throw new UsageError(`${flag} must be ${range} (got "${text}").`);
  return value;
}

/** A duration: plain seconds, or with s, m or h (`90s`, `10m`, `1.5h`). */
export function durationMs(command: string, flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/i.exec(text);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[(match?.[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'];
  const value = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${command}: ${flag} takes a duration like 90s, 10m or 2h (got "${text}").`);
  }
  return Math.round(value);
}
