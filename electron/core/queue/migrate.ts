import { AppError } from '../base/app-error';
import type { SqliteDatabase } from '../base/sqlite';
import type { Migration } from './migrations/migration';

export interface MigrateOptions {
  /** Apply only steps up to this version (migration tests: apply N-1, insert, apply N). */
  readonly upTo?: number;
}

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

/**
 * Brings the schema up to date, one transaction per step. `PRAGMA user_version` holds the highest version
 * applied; `schema_migrations` lists each applied step, so a step that was added later with a lower number
 * than the database's version (the reserved 0002) is still applied once, instead of being skipped.
 * A database written by a newer app (a version this build does not know) is refused, never touched.
 */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): MigrateResult {
  assertOrdered(migrations);
  const from = userVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (from > known) {
    throw new AppError(
      'DB_TOO_NEW',
      `The upload queue was written by a newer version of VOD Uploader (schema ${from}; this one knows ${known}). Update the app.`,
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const step of migrations) {
    if (options.upTo !== undefined && step.version > options.upTo) break;
    if (done.has(step.version)) continue;
    db.transaction(() => {
      step.up(db);
      record.run(step.version, step.name, Date.now());
      const next = Math.max(userVersion(db), step.version);
      // PRAGMA takes no bound parameters; `next` is an integer we computed.
      db.pragma(`user_version = ${next}`);
    })();
    applied.push(step.version);
  }
  return { from, to: userVersion(db), applied };
}

export function userVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertOrdered(migrations: readonly Migration[]) {
  let previous = 0;
  for (const step of migrations) {
    if (!Number.isInteger(step.version) || step.version <= previous) {
      throw new Error(`Migrations must have increasing integer versions (${step.name} has ${step.version})`);
    }
    previous = step.version;
  }
}
