import { basename } from 'node:path';
import type { SkippedEntry } from '../../shared/domain/queue';
import { classifyFile } from '../../shared/logic/classify-file';
import { junkReason } from '../core/scan/junk';
import { IN_BATCH_REASON } from '../core/scan/scan-paths';

export interface LeftOut {
  /** Not media, or litter, or a second path to a file already in the batch: reported, not a failure. */
  readonly skipped: SkippedEntry[];
  /** Media the run was asked for that cannot be uploaded: each is a failure (exit 1). */
  readonly notUploadable: { path: string; code: string; message: string }[];
}

/**
 * Splits what the scan left out into what a person did not ask for (a folder's .txt notes, .DS_Store, a
 * resource fork, the link to a file already in the batch) and what they did (a file named on the command line,
 * or a media file in a folder that is empty, unreadable or a broken link). Only the second kind can make an
 * exit status say "not everything is in VOD".
 */
export function splitLeftOut(entries: readonly SkippedEntry[], given: readonly string[]): LeftOut {
  const named = new Set(given);
  const out: LeftOut = { skipped: [], notUploadable: [] };
  for (const entry of entries) {
    const name = basename(entry.path);
    const wanted =
      named.has(entry.path) ||
      (entry.reason !== IN_BATCH_REASON &&
        junkReason(name, false, false) === undefined &&
        classifyFile(name).kind !== null);
    if (wanted) out.notUploadable.push({ path: entry.path, code: 'NOT_UPLOADABLE', message: entry.reason });
    else out.skipped.push(entry);
  }
  return out;
}
