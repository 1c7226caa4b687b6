import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/queue/database';
import { migrate, userVersion } from '../../../electron/core/queue/migrate';
import { migration0001 } from '../../../electron/core/queue/migrations/0001-jobs-and-parts';
import { migration0003 } from '../../../electron/core/queue/migrations/0003-history';
import { MIGRATIONS } from '../../../electron/core/queue/migrations/index';
import { createWatchFoldersRepository } from '../../../electron/core/queue/watch-folders-repository';
import type { Migration } from '../../../electron/core/queue/migrations/migration';
import { tempDir } from './temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function rawDb() {
  const { dir, cleanup } = tempDir();
  const db = new Database(join(dir, 'queue.db'));
  db.pragma('foreign_keys = ON');
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  return db;
}

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');
}

function columns(db: Database.Database, table: string): string[] {
  return db
    .prepare(`PRAGMA table_info(${table})`)
    .all()
    .map((r) => (r as { name: string }).name);
}

const insertJob = `INSERT INTO jobs (id, position, path, root, relative_dir, name, kind, business_type, size, mtime_ms,
  title, metadata, state, status, added_at, updated_at)
  VALUES (?, ?, ?, '/m', 'R', 'a.mov', 'video', NULL, 5, 1, 'a', '{"titleTemplate":"{name}","tags":[]}', ?, ?, 1, 1)`;

describe('migration 0001 (jobs and parts)', () => {
  it('creates STRICT jobs, parts and settings tables on an empty database', () => {
    const db = rawDb();
    expect(migrate(db, MIGRATIONS, { upTo: 1 })).toEqual({ from: 0, to: 1, applied: [1] });
    expect(userVersion(db)).toBe(1);
    for (const table of ['jobs', 'parts', 'settings']) {
      const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string })
        .sql;
      expect(sql).toMatch(/STRICT/);
    }
    // STRICT: a text where an integer belongs is refused, not coerced.
    expect(() =>
      db
        .prepare(insertJob.replace("'a.mov', 'video', NULL, 5", "'a.mov', 'video', NULL, 'five'"))
        .run('j', 1, '/m/a', 'queued', '{"state":"queued"}'),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    // No column for UploadAuth or any other secret.
    expect(columns(db, 'jobs').filter((c) => /auth|secret|token/i.test(c))).toEqual([]);
  });

  it('keeps the state column in step with the status JSON', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 1 });
    expect(() => db.prepare(insertJob).run('j', 1, '/m/a', 'queued', '{"state":"uploading"}')).toThrow(
      /CHECK constraint failed/,
    );
    db.prepare(insertJob).run('j', 1, '/m/a', 'queued', '{"state":"queued"}');
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 });
  });

  it('deletes a job’s parts with it (foreign key cascade)', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 1 });
    db.prepare(insertJob).run('j', 1, '/m/a', 'queued', '{"state":"queued"}');
    db.prepare(
      `INSERT INTO parts (job_id, part_number, "offset", size, etag, crc64, completed_at) VALUES ('j', 1, 0, 5, '"e"', '1', 1)`,
    ).run();
    db.prepare("DELETE FROM jobs WHERE id = 'j'").run();
    expect(db.prepare('SELECT count(*) AS n FROM parts').get()).toEqual({ n: 0 });
  });

  it('serves the runnable list and the duplicate check from indexes', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 1 });
    expect(plan(db, "SELECT * FROM jobs WHERE state = 'queued' ORDER BY position LIMIT 5")).toMatch(
      /USING INDEX jobs_state_position/,
    );
    expect(plan(db, "SELECT * FROM jobs WHERE state = 'queued' ORDER BY position LIMIT 5")).not.toMatch(
      /TEMP B-TREE/,
    );
    expect(plan(db, 'SELECT id FROM jobs WHERE path = ? AND size = ? AND mtime_ms = ?', 'x', 1, 1)).toMatch(
      /USING INDEX jobs_path/,
    );
    expect(plan(db, 'SELECT * FROM jobs ORDER BY position')).toMatch(/USING INDEX jobs_position/);
    expect(plan(db, 'SELECT * FROM parts WHERE job_id = ? ORDER BY part_number', 'j')).toMatch(
      /USING PRIMARY KEY/,
    );
  });
});

describe('migration 0003 (history)', () => {
  it('adds history and keeps the jobs, parts and settings already there', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 2 });
    expect(userVersion(db)).toBe(MIGRATIONS.some((m) => m.version === 2) ? 2 : 1);
    db.prepare(insertJob).run('j', 1, '/m/a', 'paused', '{"state":"paused"}');
    db.prepare(
      `INSERT INTO parts (job_id, part_number, "offset", size, etag, crc64, completed_at) VALUES ('j', 1, 0, 5, '"e"', '7', 1)`,
    ).run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('filesAtOnce', '4')`).run();

    const result = migrate(db, MIGRATIONS, { upTo: 3 });
    expect(result.applied).toEqual([3]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT id, state FROM jobs').all()).toEqual([{ id: 'j', state: 'paused' }]);
    expect(db.prepare('SELECT part_number, crc64 FROM parts').all()).toEqual([
      { part_number: 1, crc64: '7' },
    ]);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '4' });
    expect(columns(db, 'history')).toEqual(
      expect.arrayContaining([
        'media_id',
        'kind',
        'title',
        'path',
        'name',
        'size',
        'profile_id',
        'profile_name',
      ]),
    );
  });

  it('serves the page order and the duplicate check from indexes', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 3 });
    expect(plan(db, 'SELECT * FROM history ORDER BY finished_at DESC LIMIT 50')).toMatch(
      /USING INDEX history_finished_at/,
    );
    expect(
      plan(db, 'SELECT media_id FROM history WHERE path = ? AND size = ? AND mtime_ms = ?', 'x', 1, 1),
    ).toMatch(/USING INDEX history_path/);
  });
});

describe('migration 0005 (history tags)', () => {
  it('gives each history row the tags of its job where the job is still queued, and [] otherwise', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS, { upTo: 4 });
    db.prepare(
      `INSERT INTO jobs (id, position, path, root, relative_dir, name, kind, business_type, size, mtime_ms,
        title, metadata, state, status, added_at, updated_at)
        VALUES ('kept', 1, '/m/a', '/m', 'R', 'a.mov', 'video', NULL, 5, 1, 'a',
          '{"titleTemplate":"{name}","tags":["day1","城市"]}', 'done', '{"state":"done","mediaId":"m1"}', 1, 1)`,
    ).run();
    const history = db.prepare(
      `INSERT INTO history (id, media_id, kind, title, path, relative_dir, name, size, mtime_ms, added_at, finished_at)
        VALUES (?, ?, 'video', 't', '/m/a', 'R', 'a.mov', 5, 1, 1, 2)`,
    );
    history.run('kept', 'm1');
    history.run('cleared', 'm2');

    expect(migrate(db, MIGRATIONS, { upTo: 5 }).applied).toEqual([5]);
    expect(db.prepare('SELECT id, tags FROM history ORDER BY id').all()).toEqual([
      { id: 'cleared', tags: '[]' },
      { id: 'kept', tags: '["day1","城市"]' },
    ]);
    expect(() => db.prepare(`UPDATE history SET tags = 'not json' WHERE id = 'kept'`).run()).toThrow(/CHECK/);
  });
});

describe('migration runner', () => {
  const fake2: Migration = {
    version: 2,
    name: 'late-arrival',
    up: (db) => db.exec('CREATE TABLE late (x INTEGER) STRICT'),
  };

  it('applies a step numbered below the current version that was added later (the reserved 0002)', () => {
    const db = rawDb();
    migrate(db, [migration0001, migration0003]);
    expect(userVersion(db)).toBe(3);
    const withLate = [migration0001, fake2, migration0003];
    expect(migrate(db, withLate).applied).toEqual([2]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'late'").get()).toEqual({ name: 'late' });
    expect(migrate(db, withLate).applied).toEqual([]);
  });

  it('rolls a failing step back whole, version included', () => {
    const db = rawDb();
    migrate(db, MIGRATIONS);
    const broken: Migration = {
      version: MIGRATIONS.at(-1)!.version + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it('refuses a database from a newer app without touching it', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'queue.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'jobs'").get()).toEqual({
      n: 0,
    });
    check.close();
  });

  it('opens with WAL, foreign keys and a busy timeout, and refuses read-only opens of an outdated file', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'queue.db');
    const partial = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    partial.close();
    expect(() => openDatabase(file, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'DB_OUTDATED' }),
    );
    const opened = openDatabase(file);
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    opened.close();
    const ro = openDatabase(file, { readonly: true });
    expect(() => ro.db.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run()).toThrow(
      /readonly/,
    );
    ro.close();
    expect(() => openDatabase(join(dir, 'nope.db'), { readonly: true })).toThrow(
      expect.objectContaining({ code: 'DB_NOT_FOUND' }),
    );
  });
});

describe('migration 0013 (watch folder counts)', () => {
  it('adds zeroed counts to the watched folders already there, and the repository adds batches to them', () => {
    const db = rawDb();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 13),
    );
    db.prepare(
      `INSERT INTO watch_folders (id, path, preset, options, paused, rules, after_upload, added_at)
       VALUES ('w1', '/x', NULL, '{}', 0, '[]', 'leave', 1)`,
    ).run();
    migrate(db, MIGRATIONS);
    const repo = createWatchFoldersRepository(db);
    expect(repo.counts().get('w1')).toEqual({ queued: 0, alreadyKnown: 0, lastQueuedAt: null });
    repo.addCounts('w1', { queued: 3, alreadyKnown: 1, at: 5 });
    repo.addCounts('w1', { queued: 2, alreadyKnown: 0, at: 9 });
    expect(repo.counts().get('w1')).toEqual({ queued: 5, alreadyKnown: 1, lastQueuedAt: 9 });
    expect(repo.list()[0]).toMatchObject({ id: 'w1', path: '/x' });
  });
});
