import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data dir holds the queue, history, profiles (with encrypted secrets) and logs: on POSIX it is created
 * 0700 and its files 0600, whatever the umask. Windows keeps its per-user ACLs (modes mean nothing there).
 */
const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) as 0700. An existing folder is left as its owner set it. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Makes sure `file` exists and only its owner can read or write it: created 0600 if missing, narrowed to 0600
 * if a group or others had access (a file from an older version, or one a copy widened). SQLite gives the
 * -wal and -shm files of a database the database file's mode, so doing this before opening covers them.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if (POSIX && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}
