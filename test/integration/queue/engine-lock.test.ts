import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/queue/database';
import { tempDir } from './temp-db';

const fixture = join(import.meta.dirname, 'fixtures', 'hold-queue.ts');
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

/** Starts a real second process that opens the queue and holds it; resolves once it has the lock. */
function holdInChild(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

describe('one engine per database', () => {
  it('refuses a second process with DB_IN_USE naming the holder, and frees the queue after kill -9', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'queue.db');
    const child = await holdInChild(file);

    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'DB_IN_USE',
      message: `The upload queue in ${dir} is already in use by another VOD Uploader (pid ${child.pid}).`,
    });

    // Readers (history, diagnostics) are not locked out.
    const reader = openDatabase(file, { readonly: true });
    expect(reader.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    reader.close();

    child.kill('SIGKILL');
    await exited(child);
    // The stale owner record is still on disk; the OS released the lock itself.
    expect(existsSync(`${file}.owner`)).toBe(true);
    const opened = openDatabase(file);
    expect(opened.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    opened.close();
  });

  it('refuses a second open in the same process too, and allows it again after close', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'queue.db');
    const first = openDatabase(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_IN_USE' }));
    first.close();
    first.close();
    expect(existsSync(`${file}.owner`)).toBe(false);
    openDatabase(file).close();
  });

  it('locks the database, not the folder: two queues in one folder open side by side', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const a = openDatabase(join(dir, 'a.db'));
    const b = openDatabase(join(dir, 'b.db'));
    a.close();
    b.close();
  });
});
