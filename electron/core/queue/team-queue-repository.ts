import type { SqliteDatabase } from '../base/sqlite';

/** The stored team queue connection: the password-free URL and the password's ciphertext (never clear text). */
export interface StoredTeamQueue {
  readonly url: string;
  readonly passwordCiphertext: Buffer | null;
}

export interface TeamQueueRepository {
  get(): StoredTeamQueue | undefined;
  set(value: StoredTeamQueue): void;
  clear(): void;
}

export function createTeamQueueRepository(db: SqliteDatabase, now: () => number): TeamQueueRepository {
  const stmt = {
    get: db.prepare<[], { url: string; password_ciphertext: Buffer | null }>(
      'SELECT url, password_ciphertext FROM team_queue WHERE id = 1',
    ),
    put: db.prepare(
      `INSERT INTO team_queue (id, url, password_ciphertext, updated_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, password_ciphertext = excluded.password_ciphertext,
         updated_at = excluded.updated_at`,
    ),
    clear: db.prepare('DELETE FROM team_queue'),
  };
  return {
    get() {
      const row = stmt.get.get();
      return row ? { url: row.url, passwordCiphertext: row.password_ciphertext } : undefined;
    },
    set(value) {
      stmt.put.run(value.url, value.passwordCiphertext, now());
    },
    clear() {
      stmt.clear.run();
    },
  };
}
