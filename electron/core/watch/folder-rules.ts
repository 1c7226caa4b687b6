import { dirname, relative, sep } from 'node:path';
import type { FolderRule, WatchFolderConfig } from '../../../shared/domain/watch';
import type { AddOptions } from '../queue/queue-service';

/** The options a watched file is queued with: the folder's preset, then its sub-folder's rule. */
export type FileOptions = Pick<AddOptions, 'extraTags'> & WatchFolderConfig['options'];

/**
 * The rule for a file: the one whose sub-folder is the file's folder or the nearest folder above it (the
 * longest match wins), relative to the watched folder, compared case-insensitively ('/' on every platform).
 */
export function ruleForFile(
  config: Pick<WatchFolderConfig, 'path' | 'rules'>,
  path: string,
): FolderRule | undefined {
  const dir = relative(config.path, dirname(path)).split(sep).join('/').toLowerCase();
  let best: FolderRule | undefined;
  for (const rule of config.rules) {
    const sub = normalizeSubfolder(rule.subfolder).toLowerCase();
    if (sub === '' || !(dir === sub || dir.startsWith(`${sub}/`))) continue;
    if (best === undefined || sub.length > normalizeSubfolder(best.subfolder).length) best = rule;
  }
  return best;
}

/** The preset, with the rule's category instead of the preset's and its tags added to the profile's. */
export function optionsForFile(
  config: Pick<WatchFolderConfig, 'path' | 'rules'>,
  path: string,
  base: WatchFolderConfig['options'],
): FileOptions {
  const rule = ruleForFile(config, path);
  if (rule === undefined) return base;
  return {
    ...base,
    ...(rule.cateId !== undefined ? { cateId: rule.cateId } : {}),
    ...(rule.tags.length > 0 ? { extraTags: rule.tags } : {}),
  };
}

/** `Day 1\\A-cam/` → `Day 1/A-cam`: how a rule's sub-folder is compared. */
export function normalizeSubfolder(subfolder: string): string {
  return subfolder
    .split(/[\\/]+/)
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}
