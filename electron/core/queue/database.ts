import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../base/app-error';
import { ensurePrivateDir, ensurePrivateFile } from '../base/private-files';
import { acquireEngineLock, type EngineLock } from './engine-lock';
import { migrate, userVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { SqliteDatabase } from '../base/sqlite';
import type { Migration } from './migrations/migration';

export interface OpenDatabaseOptions {
  /** Open without the engine lock and without migrating; writes are refused. */
  readonly readonly?: boolean;
  /** Path of the better-sqlite3 addon to load (an Electron-ABI build beside the Node one). */
  readonly nativeBinding?: string;
  /** How long a statement waits for another connection's write lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Schema steps to apply (tests); defaults to every migration. */
  readonly migrations?: readonly Migration[];
}

export interface QueueDatabase {
  readonly db: SqliteDatabase;
  readonly file: string;
  readonly readonly: boolean;
  /** Closes the database and releases the engine lock. Safe to call twice. */
  close(): void;
}

/**
 * Opens the queue database at `file` (created with its folder if missing). Read-write opens take the engine
 * lock first (a second engine on the same file gets AppError 'DB_IN_USE'), then apply pending migrations.
 * Pragmas: WAL (readers never block the writer), synchronous=NORMAL (durable across an app crash; a power
 * loss can lose the last transactions, which ListParts reconciles), foreign keys on, a busy timeout.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): QueueDatabase {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const migrations = options.migrations ?? MIGRATIONS;
  if (options.readonly) {
    let db: SqliteDatabase;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, ...binding });
    } catch (e) {
      throw new AppError('DB_NOT_FOUND', `There is no upload queue at ${file}.`, { cause: e });
    }
    try {
      configure(db, options.busyTimeoutMs);
      assertCurrent(db, file, migrations);
    } catch (e) {
      db.close();
      throw e;
    }
    return { db, file, readonly: true, close: onceClose(db) };
  }

  ensurePrivateDir(dirname(file));
  ensurePrivateFile(`${file}.lock`);
  ensurePrivateFile(file);
  const lock = acquireEngineLock(file, options.nativeBinding);
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, binding);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    configure(db, options.busyTimeoutMs);
    migrate(db, migrations);
  } catch (e) {
    db?.close();
    lock.release();
    throw e;
  }
  return { db, file, readonly: false, close: onceClose(db, lock) };
}

function configure(db: SqliteDatabase, busyTimeoutMs = 5000) {
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
}

function assertCurrent(db: SqliteDatabase, file: string, migrations: readonly Migration[]) {
  const version = userVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (version > known) {
    throw new AppError(
      'DB_TOO_NEW',
      `The upload queue at ${file} was written by a newer version of VOD Uploader (schema ${version}).`,
    );
  }
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const applied = new Set(
    hasTable
      ? db
          .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
          .all()
          .map((r) => r.version)
      : [],
  );
  if (migrations.some((m) => !applied.has(m.version))) {
    throw new AppError(
      'DB_OUTDATED',
      `The upload queue at ${file} needs an update that a read-only open cannot apply; start VOD Uploader once.`,
    );
  }
}

function onceClose(db: SqliteDatabase, lock?: EngineLock) {
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    try {
      if (db.open) db.close();
    } finally {
      lock?.release();
    }
  };
}
