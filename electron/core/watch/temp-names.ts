/**
 * Names that copy tools, browsers and editing applications give a file (or a folder) while it is still
 * being written, or to their own caches. A watched folder never queues them: the finished file arrives
 * under its final name (a rename), which is what gets uploaded.
 *
 * Verified against the tools' documented or observed behaviour where noted; the NLE cache folder names are
 * the applications' defaults (docs/watch-folders.md lists them with their status).
 */
const TEMP_SUFFIXES = [
  '.part', // Firefox, wget --continue, many download managers
  '.partial', // Internet Explorer / Edge legacy, some NLE exports
  '.crdownload', // Chrome, Edge
  '.download', // Safari (a bundle folder)
  '.opdownload', // Opera
  '.filepart', // WinSCP
  '.tmp',
  '.temp',
  '.!sync', // Resilio Sync
  '.!qb', // qBittorrent
  '.aria2', // aria2 control file
];

/** Safe-save temporaries: `clip.mov.sb-1a2b3c4d-XyZ123` (macOS, Final Cut Pro, Compressor). */
const SAFE_SAVE = /\.sb-[0-9a-f]+-[0-9a-z]+$/i;
/** rsync's in-progress copy `.clip.mov.AbC123` is hidden, hence ignored already; `~clip.mov` by some tools. */
const TILDE_PREFIX = /^~/;

/** Cache and render folders of editing applications: never exports, often huge and constantly changing. */
const TEMP_FOLDERS = new Set([
  'adobe premiere pro video previews',
  'adobe premiere pro audio previews',
  'adobe premiere pro auto-save',
  'adobe premiere pro preview files',
  'media cache',
  'media cache files',
  'cacheclip', // DaVinci Resolve render cache
  'optimizedmedia', // DaVinci Resolve optimized media
  'proxymedia', // DaVinci Resolve proxies
  '.gallery', // DaVinci Resolve stills
  'render files', // Final Cut Pro (inside a library, also when exported as a folder)
  'transcoded media', // Final Cut Pro
  'analysis files', // Final Cut Pro
  'peak files', // Final Cut Pro
]);

/** Why a file name is temporary (a file still being written), or undefined when it is a final name. */
export function tempFileReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (name.startsWith('._')) return 'macOS resource file';
  if (TILDE_PREFIX.test(name)) return 'temporary file (~ prefix)';
  const suffix = TEMP_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix !== undefined) return `temporary file (${suffix})`;
  if (SAFE_SAVE.test(name)) return 'temporary file (safe-save)';
  return undefined;
}

/** Why a folder is never watched inside (caches, renders, bundles being written), or undefined. */
export function tempFolderReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (TEMP_FOLDERS.has(lower)) return 'editing application cache folder';
  if (lower.endsWith('.fcpbundle')) return 'Final Cut Pro library';
  if (lower.endsWith('.download') || lower.endsWith('.crdownload')) return 'download in progress';
  return undefined;
}
