import pg from 'pg';
import type { TeamHistoryRow, TeamQueueVerdict } from '../../../shared/domain/team';
import { AppError } from '../base/app-error';
import { migratePostgres, PG_MIGRATIONS } from './pg-migrations';

/**
 * What "Test connection" in Settings → Team queue does against a real server: connect, read the schema version
 * (apply this build's steps when asked), count the jobs. Every failure becomes a verdict a person can act on
 * (unreachable, password refused, no such database, a schema from a newer build); nothing throws.
 * `url` carries the password: it is never put in a message.
 */
export const TEAM_SCHEMA_VERSION = Math.max(0, ...PG_MIGRATIONS.map((m) => m.version));
const CONNECT_TIMEOUT_MS = 5000;

type Verdict = TeamQueueVerdict['verdict'];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: 15_000,
    application_name: 'vod-uploader',
  });
  // A connection dropped later (server restart) must not be an uncaught 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** The verdict for an error of pg (a server error has a SQLSTATE code, a socket error an errno code). */
export function classifyTeamError(e: unknown): { verdict: Verdict; message: string } {
  if (e instanceof AppError && e.code === 'DB_TOO_NEW')
    return { verdict: 'schema-too-new', message: e.message };
  const code = (e as { code?: unknown }).code;
  const text = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && UNREACHABLE.has(code))
    return { verdict: 'unreachable', message: `The server could not be reached (${code}).` };
  if (/timeout|terminated unexpectedly|Connection terminated/i.test(text))
    return { verdict: 'unreachable', message: `The server did not answer in time (${text}).` };
  if (code === '28P01' || code === '28000' || /password must be a string|SASL/i.test(text))
    return { verdict: 'auth-failed', message: `The server refused the user name or password (${text}).` };
  if (code === '3D000') return { verdict: 'no-database', message: text };
  return { verdict: 'error', message: text };
}

function verdictOf(
  verdict: Verdict,
  message: string,
  more: Partial<Omit<TeamQueueVerdict, 'verdict' | 'message' | 'knownVersion'>> = {},
): TeamQueueVerdict {
  return {
    verdict,
    message,
    schemaVersion: null,
    knownVersion: TEAM_SCHEMA_VERSION,
    applied: [],
    counts: null,
    serverVersion: null,
    ...more,
  };
}

async function schemaVersion(client: pg.Client): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('team_schema_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return 0;
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team_schema_migrations');
  return v.rows[0]?.v ?? 0;
}

export async function probeTeamQueue(url: string, options: { migrate: boolean }): Promise<TeamQueueVerdict> {
  let client: pg.Client | undefined;
  try {
    client = await connect(url);
    const serverVersion =
      (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? null;
    let version = await schemaVersion(client);
    let applied: number[] = [];
    if (version > TEAM_SCHEMA_VERSION) {
      return verdictOf(
        'schema-too-new',
        `The team queue was set up by a newer VOD Uploader (schema ${version}; this one knows ${TEAM_SCHEMA_VERSION}). Update this app.`,
        { schemaVersion: version, serverVersion },
      );
    }
    if (options.migrate && version < TEAM_SCHEMA_VERSION) {
      applied = (await migratePostgres(client)).applied;
      version = await schemaVersion(client);
    }
    if (version === 0)
      return verdictOf('schema-missing', 'Connected, but the database has no team queue yet.', {
        schemaVersion: 0,
        serverVersion,
      });
    if (version < TEAM_SCHEMA_VERSION)
      return verdictOf(
        'schema-old',
        `Connected; the team queue is at schema ${version}, this app knows ${TEAM_SCHEMA_VERSION}.`,
        { schemaVersion: version, serverVersion },
      );
    const byState = await client.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM team_jobs GROUP BY state',
    );
    const n = (state: string) => Number(byState.rows.find((r) => r.state === state)?.n ?? 0);
    const counts = { queued: n('queued'), claimed: n('claimed'), done: n('done'), failed: n('failed') };
    return verdictOf(
      'ok',
      `Connected to PostgreSQL ${serverVersion ?? ''}: schema ${version}, ${counts.queued} jobs queued, ${counts.claimed} being uploaded, ${counts.done} done, ${counts.failed} failed.`,
      { schemaVersion: version, applied, counts, serverVersion },
    );
  } catch (e) {
    const { verdict, message } = classifyTeamError(e);
    return verdictOf(verdict, message);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

interface HistoryRecord {
  job_id: string;
  media_id: string;
  kind: string;
  title: string;
  path: string;
  size: string;
  destination: string;
  worker: string;
  machine: string;
  finished_ms: string;
}

/** The team's shared history, newest first; `query` matches the path, title, media ID, worker or machine. */
export async function readTeamHistory(
  url: string,
  page: { query: string; limit: number; offset: number },
): Promise<{ rows: TeamHistoryRow[]; total: number }> {
  let client: pg.Client | undefined;
  try {
    client = await connect(url);
    const where = `WHERE $1 = '' OR strpos(lower(path || ' ' || title || ' ' || media_id || ' ' || worker || ' ' || machine), lower($1)) > 0`;
    const total = await client.query<{ n: string }>(`SELECT count(*) AS n FROM team_history ${where}`, [
      page.query,
    ]);
    const rows = await client.query<HistoryRecord>(
      `SELECT job_id, media_id, kind, title, path, size, destination, worker, machine,
         (extract(epoch FROM finished_at) * 1000)::bigint AS finished_ms
       FROM team_history ${where} ORDER BY finished_at DESC, job_id LIMIT $2 OFFSET $3`,
      [page.query, page.limit, page.offset],
    );
    return {
      total: Number(total.rows[0]?.n ?? 0),
      rows: rows.rows.map((r) => ({
        jobId: r.job_id,
        mediaId: r.media_id,
        kind: r.kind,
        title: r.title,
        path: r.path,
        size: Number(r.size),
        destination: r.destination,
        worker: r.worker,
        machine: r.machine,
        finishedAt: Number(r.finished_ms),
      })),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'TEAM_UNAVAILABLE',
      `The team history could not be read: ${classifyTeamError(e).message}`,
    );
  } finally {
    await client?.end().catch(() => undefined);
  }
}
