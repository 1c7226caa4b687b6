import type { SqliteDatabase } from '../../base/sqlite';

/**
 * One schema step. `up` runs inside a transaction opened by the runner, which also records the step in
 * `schema_migrations` and raises `PRAGMA user_version`; a migration never commits or sets the version itself.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: SqliteDatabase): void;
}
