import type BetterSqlite3 from 'better-sqlite3';

/**
 * The open queue database as every repository, migration and store takes it. It lives on the core's ground
 * floor so that a module needing a database handle does not import a migration (or the queue) to get one.
 */
export type SqliteDatabase = BetterSqlite3.Database;
