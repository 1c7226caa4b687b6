import pg from 'pg';
import { AppError } from '../base/app-error';
import type { Redactor } from '../log/redactor';
import { migratePostgres, PG_MIGRATIONS } from './pg-migrations';
import { TEAM_QUEUE_CHANNEL } from './team-queue';

/**
 * The team queue's connection: the connection string names the server, database and role; its password comes
 * from the environment (VOD_UPLOADER_QUEUE_PASSWORD, else libpq's PGPASSWORD) or, accepted but warned about,
 * the string itself. The password is registered with the redactor the moment it is read, and every way the
 * string is shown (`describeQueueUrl`) masks it, so it never reaches a log, an error or the terminal.
 */
export const QUEUE_URL_ENV = 'VOD_UPLOADER_QUEUE_URL';
export const QUEUE_PASSWORD_ENV = 'VOD_UPLOADER_QUEUE_PASSWORD';

type Env = Readonly<Record<string, string | undefined>>;

export interface TeamConnection {
  readonly pool: pg.Pool;
  /** The connection string with its password masked: what may be shown. */
  readonly label: string;
  /** Calls `onNotify` whenever jobs are queued or given back; resolves with the unsubscribe. */
  listen(onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const latest = Math.max(...PG_MIGRATIONS.map((m) => m.version));

async function schemaVersion(client: pg.PoolClient): Promise<number | null> {
  const present = await client.query<{ present: boolean }>(
    `SELECT to_regclass('team_schema_migrations') IS NOT NULL AS present`,
  );
  if (present.rows[0]?.present !== true) return null;
  const newest = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM team_schema_migrations',
  );
  return newest.rows[0]?.v ?? null;
}

/** `--queue URL` wins, then VOD_UPLOADER_QUEUE_URL; undefined when neither is set. */
export function resolveQueueUrl(flag: string | undefined, env: Env): string | undefined {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const fromEnv = env[QUEUE_URL_ENV]?.trim();
  return fromEnv ? fromEnv : undefined;
}

export function parseQueueUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(
      'TEAM_QUEUE_URL_INVALID',
      `The team queue must be a PostgreSQL connection string, e.g. postgres://uploader@db.studio.lan/vod_team (got "${describeQueueUrl(raw)}").`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new AppError(
      'TEAM_QUEUE_URL_INVALID',
      `The team queue must be a postgres:// connection string (got ${url.protocol}//…).`,
    );
  }
  return url;
}

/** The string as it may be shown: any password replaced by ***. */
export function describeQueueUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
  }
}

/** True when the string itself carries a password (visible in the process list: warn). */
export function urlHasPassword(raw: string): boolean {
  try {
    return new URL(raw).password !== '';
  } catch {
    return false;
  }
}

export interface OpenTeamConnectionOptions {
  readonly url: string;
  readonly env: Env;
  readonly redactor?: Redactor;
  /** Shown in pg_stat_activity: which worker holds a connection. */
  readonly applicationName?: string;
  readonly maxConnections?: number;
}

/**
 * Opens a pool on the team queue and brings its schema up to date (every worker does at start; the
 * migrations take an advisory lock). A server that cannot be reached is TEAM_QUEUE_UNREACHABLE, with the
 * string masked.
 */
export async function openTeamConnection(options: OpenTeamConnectionOptions): Promise<TeamConnection> {
  const url = parseQueueUrl(options.url);
  const password =
    decodeURIComponent(url.password) || options.env[QUEUE_PASSWORD_ENV] || options.env['PGPASSWORD'] || '';
  options.redactor?.register(password);
  if (password !== '') url.password = encodeURIComponent(password);
  const label = describeQueueUrl(url.toString());
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: options.maxConnections ?? 6,
    connectionTimeoutMillis: 10_000,
    ...(options.applicationName ? { application_name: options.applicationName.slice(0, 63) } : {}),
  });
  // An idle client's error (the server restarted) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      // Up to date: nothing to create, so a role that may only read and write rows can work (docs/team.md).
      if ((await schemaVersion(client)) !== latest) await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof AppError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError(
      'TEAM_QUEUE_UNREACHABLE',
      `Cannot use the team queue at ${label}: ${options.redactor ? options.redactor.redactString(why) : why}`,
      { cause: e },
    );
  }
  return {
    pool,
    label,
    async listen(onNotify) {
      const client = await pool.connect();
      const handler = () => onNotify();
      // A dropped LISTEN connection only slows pick-up to the poll: never a crash.
      client.on('error', () => undefined);
      client.on('notification', handler);
      await client.query(`LISTEN ${TEAM_QUEUE_CHANNEL}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${TEAM_QUEUE_CHANNEL}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}
