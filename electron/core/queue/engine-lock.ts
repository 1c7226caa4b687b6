import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../base/app-error';

/** Who holds the queue: written beside the lock so a refused process can say which one. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly since: number;
}

export interface EngineLock {
  readonly owner: LockOwner;
  release(): void;
}

/**
 * One engine per database. The lock is an exclusive SQLite lock on a small side file (`<db>.lock`), opened
 * with `locking_mode=EXCLUSIVE` and written once, so the connection holds the OS file lock until it closes.
 * The operating system drops that lock when the process dies, even on kill -9, so a crash never leaves the
 * queue locked and there is no pid guessing (a recycled pid cannot fake an owner). `<db>.owner` only carries
 * the holder's pid for the error message; the queue database itself stays in normal WAL mode, so read-only
 * readers (the CLI's history command, diagnostics) can still open it while the engine runs.
 */
export function acquireEngineLock(dbFile: string, nativeBinding?: string): EngineLock {
  const lockFile = `${dbFile}.lock`;
  const ownerFile = `${dbFile}.owner`;
  const lockDb = new Database(lockFile, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT');
    lockDb.prepare('INSERT OR REPLACE INTO lock (id, at) VALUES (1, ?)').run(Date.now());
  } catch (e) {
    lockDb.close();
    if (isBusy(e)) {
      const pid = readOwner(ownerFile)?.pid;
      throw new AppError(
        'DB_IN_USE',
        `The upload queue in ${dirname(dbFile)} is already in use by another VOD Uploader (pid ${pid ?? 'unknown'}).`,
        { cause: e },
      );
    }
    throw e;
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), since: Date.now() };
  writeFileSync(ownerFile, JSON.stringify(owner), { mode: 0o600 });
  let held = true;
  return {
    owner,
    release() {
      if (!held) return;
      held = false;
      rmSync(ownerFile, { force: true });
      lockDb.close();
    },
  };
}

/** The recorded holder of a lock, or undefined when none is recorded or the record is unreadable. */
export function readOwner(ownerFile: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(ownerFile, 'utf8'));
    if (value && typeof value === 'object' && typeof (value as LockOwner).pid === 'number') {
      return value as LockOwner;
    }
  } catch {
    // no owner file (first run, or removed on release): the caller says "unknown"
  }
  return undefined;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
