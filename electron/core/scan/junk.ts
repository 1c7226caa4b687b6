/**
 * Files and folders that are never media: OS and editor litter. Matched by exact name (case-insensitive).
 * Dot-files and dot-folders (.DS_Store, ._A001.mov AppleDouble files, .fcpcache, .git, ...) are hidden
 * and skipped too unless the scan includes hidden entries.
 */
const SYSTEM_FILES = new Set([
  '.ds_store',
  'thumbs.db',
  'ehthumbs.db',
  'ehthumbs_vista.db',
  'desktop.ini',
  'icon\r',
]);
const SYSTEM_FOLDERS = new Set([
  '$recycle.bin',
  'system volume information',
  '__macosx',
  '.spotlight-v100',
  '.trashes',
  '.fseventsd',
  '.fcpcache',
  '.temporaryitems',
]);

/** Why an entry is skipped before looking at its type, or undefined when it is not junk. */
export function junkReason(name: string, isDirectory: boolean, includeHidden: boolean): string | undefined {
  const lower = name.toLowerCase();
  if (isDirectory) {
    if (SYSTEM_FOLDERS.has(lower)) return 'system folder';
    if (!includeHidden && name.startsWith('.')) return 'hidden folder';
    return undefined;
  }
  if (SYSTEM_FILES.has(lower)) return 'system file';
  if (name.startsWith('._')) return 'macOS resource file';
  if (!includeHidden && name.startsWith('.')) return 'hidden file';
  if (name.startsWith('~$')) return 'Office lock file';
  return undefined;
}
