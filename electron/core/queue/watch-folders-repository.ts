import {
  AfterUploadSchema,
  FolderRuleSchema,
  WatchFolderConfigSchema,
  type WatchFolderConfig,
} from '../../../shared/domain/watch';
import { BatchOptionsSchema } from '../../../shared/domain/upload-defaults';
import type { SqliteDatabase } from '../base/sqlite';

export type WatchFolderPatch = Partial<
  Pick<WatchFolderConfig, 'paused' | 'preset' | 'options' | 'rules' | 'afterUpload'>
>;

/** What a watched folder has done, shown in its panel and kept across restarts (migration 0013). */
export interface WatchFolderCounts {
  readonly queued: number;
  readonly alreadyKnown: number;
  /** When it last handed files to the queue (ms since epoch), null before any. */
  readonly lastQueuedAt: number | null;
}

/** Where watched folders are kept (the queue database). */
export interface WatchFolderStore {
  list(): WatchFolderConfig[];
  insert(config: WatchFolderConfig): void;
  update(id: string, patch: WatchFolderPatch): void;
  remove(id: string): void;
  /** Every folder's counts by id (a folder never counted has zeros). */
  counts(): Map<string, WatchFolderCounts>;
  /** Adds one batch's outcome to the folder's counts. */
  addCounts(id: string, added: { queued: number; alreadyKnown: number; at: number }): void;
}

interface Row {
  id: string;
  path: string;
  preset: string | null;
  options: string;
  paused: number;
  rules: string;
  after_upload: string;
  added_at: number;
}

interface CountsRow {
  id: string;
  queued_count: number;
  already_known_count: number;
  last_queued_at: number | null;
}

/**
 * Watched folders in the queue database (migration 0007). A row written by another version whose options or
 * rules no longer validate keeps its folder, with only what still does (never a start-up failure).
 */
export function createWatchFoldersRepository(db: SqliteDatabase): WatchFolderStore {
  const stmt = {
    all: db.prepare<[], Row>(
      'SELECT id, path, preset, options, paused, rules, after_upload, added_at FROM watch_folders ORDER BY added_at, rowid',
    ),
    insert: db.prepare(
      `INSERT INTO watch_folders (id, path, preset, options, paused, rules, after_upload, added_at)
       VALUES (@id, @path, @preset, @options, @paused, @rules, @after_upload, @added_at)`,
    ),
    update: db.prepare(
      `UPDATE watch_folders SET preset = @preset, options = @options, paused = @paused, rules = @rules,
         after_upload = @after_upload WHERE id = @id`,
    ),
    remove: db.prepare('DELETE FROM watch_folders WHERE id = ?'),
    counts: db.prepare<[], CountsRow>(
      'SELECT id, queued_count, already_known_count, last_queued_at FROM watch_folders',
    ),
    addCounts: db.prepare(
      `UPDATE watch_folders SET queued_count = queued_count + @queued,
         already_known_count = already_known_count + @alreadyKnown, last_queued_at = @at WHERE id = @id`,
    ),
  };

  const toConfig = (row: Row): WatchFolderConfig => {
    const options = BatchOptionsSchema.safeParse(JSON.parse(row.options));
    const rules = FolderRuleSchema.array().safeParse(JSON.parse(row.rules));
    const after = AfterUploadSchema.safeParse(row.after_upload);
    return WatchFolderConfigSchema.parse({
      id: row.id,
      path: row.path,
      preset: row.preset,
      options: options.success ? options.data : {},
      paused: row.paused === 1,
      rules: rules.success ? rules.data : [],
      afterUpload: after.success ? after.data : 'leave',
      addedAt: row.added_at,
    });
  };
  const toRow = (c: WatchFolderConfig): Row => ({
    id: c.id,
    path: c.path,
    preset: c.preset,
    options: JSON.stringify(c.options),
    paused: c.paused ? 1 : 0,
    rules: JSON.stringify(c.rules),
    after_upload: c.afterUpload,
    added_at: c.addedAt,
  });

  return {
    list: () => stmt.all.all().map(toConfig),
    insert: (config) => void stmt.insert.run(toRow(config)),
    update(id, patch) {
      const current = stmt.all.all().find((r) => r.id === id);
      if (current === undefined) return;
      stmt.update.run(toRow(WatchFolderConfigSchema.parse({ ...toConfig(current), ...patch })));
    },
    remove: (id) => void stmt.remove.run(id),
    counts: () =>
      new Map(
        stmt.counts
          .all()
          .map((r) => [
            r.id,
            { queued: r.queued_count, alreadyKnown: r.already_known_count, lastQueuedAt: r.last_queued_at },
          ]),
      ),
    addCounts: (id, added) => void stmt.addCounts.run({ id, ...added }),
  };
}
