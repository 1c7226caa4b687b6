import { constants, stat, type Stats } from 'node:fs';
import { access } from 'node:fs/promises';

/**
 * Stats every path with at most `limit` in flight, through the callback API: one promise per call rather than
 * one per file. A folder of an archive is stat'ed this way; fs/promises' stat (plus an access() call per file)
 * cost 8.5 s for 100,000 files at load 7 where this takes 1.9 s (docs/performance.md, issue 19).
 * Each slot holds the file's Stats or the error that stat gave.
 */
export function statEach(paths: readonly string[], limit: number): Promise<(Stats | Error)[]> {
  const out = new Array<Stats | Error>(paths.length);
  if (paths.length === 0) return Promise.resolve(out);
  return new Promise((resolve) => {
    let next = 0;
    let finished = 0;
    const startOne = (): void => {
      const i = next++;
      stat(paths[i] as string, (error, st) => {
        out[i] = error ?? st;
        finished++;
        if (finished === paths.length) resolve(out);
        else if (next < paths.length) startOne();
      });
    };
    for (let k = 0; k < Math.min(Math.max(1, limit), paths.length); k++) startOne();
  });
}

/** null: readable; else the error that reading would give. Sync when the mode bits already say yes. */
export type ReadableCheck = (path: string, st: Stats) => null | Promise<Error | null>;

/**
 * Is a stat'ed file readable by this process? The mode bits answer for almost every file without a system call
 * per file; only when they say no is access(2) asked, since an ACL may still grant it (so nothing readable is
 * ever refused). An ACL that denies what the bits allow is not seen here: that file is queued and its upload
 * reports it cannot be read (scan/source-check.ts), which is what happens to a file locked after the add anyway.
 * Windows: access() only checks that the file exists there, which the stat already did.
 */
export function readableCheck(): ReadableCheck {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return () => null;
  const uid = process.getuid();
  const groups = new Set<number>([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])]);
  return (path, st) => {
    if (uid === 0 || (st.mode & readBit(st, uid, groups)) !== 0) return null;
    return access(path, constants.R_OK).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
  };
}

function readBit(st: Stats, uid: number, groups: ReadonlySet<number>): number {
  if (st.uid === uid) return 0o400;
  if (groups.has(st.gid)) return 0o040;
  return 0o004;
}
