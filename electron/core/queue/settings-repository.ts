import {
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/domain/settings';
import { AppError } from '../base/app-error';
import type { SqliteDatabase } from '../base/sqlite';

export interface SettingsRepository {
  /** The full settings: stored values over DEFAULT_SETTINGS. */
  get(): Settings;
  /**
   * Validates and saves a partial update, returning the full settings. An invalid patch is an AppError
   * 'INVALID_SETTINGS' and nothing is saved. An optional key given as `undefined` is cleared.
   */
  set(patch: SettingsPatch): Settings;
}

/**
 * Settings as key/value JSON rows, one per field of SettingsSchema. A missing key is its default; a stored
 * value that no longer validates (written by another version) falls back to the default instead of
 * breaking start-up. Keys this version does not know are left alone.
 */
export function createSettingsRepository(db: SqliteDatabase): SettingsRepository {
  const stmt = {
    all: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings'),
    put: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    remove: db.prepare('DELETE FROM settings WHERE key = ?'),
  };
  const shape = SettingsSchema.shape;

  function get(): Settings {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of stmt.all.all()) {
      if (!Object.hasOwn(shape, key)) continue;
      const field = shape[key as keyof typeof shape].safeParse(JSON.parse(value));
      if (field.success) merged[key] = field.data;
    }
    return SettingsSchema.parse(merged);
  }

  return {
    get,

    set: db.transaction((patch: SettingsPatch): Settings => {
      const parsed = SettingsPatchSchema.strict().safeParse(patch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'INVALID_SETTINGS',
          `Invalid setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`,
        );
      }
      const next = SettingsSchema.parse({ ...get(), ...parsed.data });
      for (const key of Object.keys(patch) as (keyof Settings)[]) {
        const value = next[key];
        if (value === undefined) stmt.remove.run(key);
        else stmt.put.run(key, JSON.stringify(value));
      }
      return next;
    }),
  };
}
