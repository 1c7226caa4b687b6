import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/core/app/app-services';
import { createAppServices } from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import type { LogFields, Logger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { migratePostgres } from '../../../electron/core/team/pg-migrations';
import { createTeamQueue } from '../../../electron/core/team/team-queue';
import type { TeamHistoryRow, TeamQueueConfig, TeamQueueVerdict } from '../../../shared/domain/team';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres-server';

// Settings → Team queue through the contract (the dispatcher the renderer's calls go through), against a real
// PostgreSQL server that asks for a password (scram-sha-256), so a wrong one is really refused.

const PASSWORD = 'Team-Queue-pw-7731';

/** Every line handed to the logger, before any redaction: the service must never hand it the password. */
class RawLogger implements Logger {
  public readonly lines: string[] = [];
  public debug(m: string, f?: LogFields) {
    this.lines.push(JSON.stringify([m, f]));
  }
  public info(m: string, f?: LogFields) {
    this.debug(m, f);
  }
  public warn(m: string, f?: LogFields) {
    this.debug(m, f);
  }
  public error(m: string, f?: LogFields) {
    this.debug(m, f);
  }
  public child(): Logger {
    return this;
  }
}

let server: TestPostgres;
let root: string;
let services: AppServices;
let dispatch: Dispatch;
let dbUrl: string;
const logger = new RawLogger();
const answers: unknown[] = [];

async function open(): Promise<void> {
  services = await createAppServices({
    dataDir: join(root, 'data'),
    redactor: new Redactor(),
    logger,
    desktop: { openFiles: async () => [], openFolder: async () => [], showInFolder: async () => undefined },
    vodStatusPollMs: 0,
    autoStart: false,
  });
  dispatch = createDispatcher(services.handlers);
}

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await dispatch(channel, payload);
  answers.push(result);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function admin<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

beforeAll(async () => {
  server = await startTestPostgres({ password: PASSWORD });
  await admin(server.url, async (c) => {
    await c.query('CREATE DATABASE studio');
    await c.query('CREATE DATABASE newer');
  });
  dbUrl = withDb(server.url, 'studio');
  root = await mkdtemp(join(tmpdir(), 'vod-team-settings-'));
  await open();
}, 60_000);

afterAll(async () => {
  await services?.shutdown();
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Settings → Team queue (contract → service → real PostgreSQL)', () => {
  it('tests an unsaved connection: schema missing, then migrated on request, OK with the job counts', async () => {
    expect(await call<TeamQueueConfig>('team:get', {})).toEqual({
      configured: false,
      url: null,
      hasPassword: false,
    });
    const missing = await call<TeamQueueVerdict>('team:test', { connection: { url: dbUrl } });
    expect(missing).toMatchObject({ verdict: 'schema-missing', schemaVersion: 0, knownVersion: 2 });

    const migrated = await call<TeamQueueVerdict>('team:test', { connection: { url: dbUrl }, migrate: true });
    expect(migrated).toMatchObject({
      verdict: 'ok',
      applied: [1, 2],
      schemaVersion: 2,
      counts: { queued: 0, claimed: 0, done: 0, failed: 0 },
    });
    expect(migrated.serverVersion).toMatch(/^\d+/);
  });

  it('saves the connection with the password kept as a secret, never sent back, and OK reports N jobs queued', async () => {
    const saved = await call<TeamQueueConfig>('team:save', { url: dbUrl });
    expect(saved).toEqual({ configured: true, url: dbUrl.replace(`:${PASSWORD}@`, '@'), hasPassword: true });
    expect(await call<TeamQueueConfig>('team:get', {})).toEqual(saved);

    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
    const queue = createTeamQueue(pool, { id: 'w-1', machine: 'edit-suite-2' }, 60_000);
    await queue.enqueue(
      [1, 2, 3].map((i) => ({
        id: `j${i}`,
        path: `/mnt/nas/reel/clip${i}.mov`,
        name: `clip${i}.mov`,
        kind: 'video' as const,
        size: 100 + i,
        mtimeMs: 1_700_000_000_000 + i,
        fingerprint: null,
        destination: 'studio/cn-shanghai',
        title: `clip${i}`,
        metadata: { titleTemplate: '{name}', tags: [] },
      })),
    );
    const [claimed] = await queue.claim(1);
    await queue.complete(claimed!.id, { mediaId: 'media-j1', crc64: '42' });
    await pool.end();

    const verdict = await call<TeamQueueVerdict>('team:test', {});
    expect(verdict).toMatchObject({ verdict: 'ok', counts: { queued: 2, claimed: 0, done: 1, failed: 0 } });
    expect(verdict.message).toContain('2 jobs queued');

    // The team history says who and which machine uploaded what.
    const history = await call<{ rows: TeamHistoryRow[]; total: number }>('team:history', {});
    expect(history.total).toBe(1);
    expect(history.rows[0]).toMatchObject({
      jobId: 'j1',
      mediaId: 'media-j1',
      path: '/mnt/nas/reel/clip1.mov',
      worker: 'w-1',
      machine: 'edit-suite-2',
    });
    expect((await call<{ total: number }>('team:history', { query: 'EDIT-SUITE' })).total).toBe(1);
    expect((await call<{ total: number }>('team:history', { query: 'nobody' })).total).toBe(0);
  });

  it('keeps the saved password when the password-free URL is saved again, and across a restart', async () => {
    const view = await call<TeamQueueConfig>('team:get', {});
    await call('team:save', { url: view.url });
    await services.shutdown();
    await open();
    expect(await call<TeamQueueConfig>('team:get', {})).toMatchObject({
      configured: true,
      hasPassword: true,
    });
    expect(await call<TeamQueueVerdict>('team:test', {})).toMatchObject({ verdict: 'ok' });
  });

  it('says clearly what is wrong: password refused, server unreachable, schema too new, not a postgres URL', async () => {
    const passwordFree = dbUrl.replace(`:${PASSWORD}@`, '@');
    const refused = await call<TeamQueueVerdict>('team:test', {
      connection: { url: passwordFree, password: 'not-the-password' },
    });
    expect(refused.verdict).toBe('auth-failed');
    expect(refused.message).toMatch(/password/);

    const port = await closedPort();
    const unreachable = await call<TeamQueueVerdict>('team:test', {
      connection: { url: `postgres://postgres@127.0.0.1:${port}/studio` },
    });
    expect(unreachable).toMatchObject({ verdict: 'unreachable' });
    expect(unreachable.message).toContain('ECONNREFUSED');

    const newerUrl = withDb(server.url, 'newer');
    await admin(newerUrl, async (c) => {
      await migratePostgres(c);
      await c.query("INSERT INTO team_schema_migrations (version, name) VALUES (99, 'from-the-future')");
    });
    const tooNew = await call<TeamQueueVerdict>('team:test', {
      connection: { url: newerUrl },
      migrate: true,
    });
    expect(tooNew).toMatchObject({ verdict: 'schema-too-new', schemaVersion: 99, applied: [] });
    expect(tooNew.message).toContain('newer VOD Uploader');

    const noDb = await call<TeamQueueVerdict>('team:test', {
      connection: { url: withDb(server.url, 'nope') },
    });
    expect(noDb.verdict).toBe('no-database');

    const bad = await dispatch('team:save', { url: 'https://db.example/vod' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'TEAM_URL_INVALID' } });
    expect(await call<TeamQueueConfig>('team:get', {})).toMatchObject({
      configured: true,
      hasPassword: true,
    });
  });

  it('never writes the password in clear: not in any answer, any log line, or the database files', async () => {
    expect(JSON.stringify(answers)).not.toContain(PASSWORD);
    expect(logger.lines.length).toBeGreaterThan(3);
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
    await services.shutdown();
    const dataDir = join(root, 'data');
    for (const file of await readdir(dataDir)) {
      const bytes = await readFile(join(dataDir, file));
      expect(bytes.includes(Buffer.from(PASSWORD)), file).toBe(false);
    }
    await open();
  });

  it('forgets the connection on clear', async () => {
    await call('team:clear', {});
    expect(await call<TeamQueueConfig>('team:get', {})).toEqual({
      configured: false,
      url: null,
      hasPassword: false,
    });
    const none = await dispatch('team:history', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'TEAM_NOT_CONFIGURED' } });
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
