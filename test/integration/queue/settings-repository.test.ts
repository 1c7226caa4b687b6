import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { openTempStore } from './temp-db';

const opened: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.cleanup();
});

describe('settings repository', () => {
  it('starts from the defaults and keeps a saved change across a reopen', () => {
    const t = openTempStore();
    opened.push(t);
    expect(t.store.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(t.store.settings.set({ filesAtOnce: 5, defaultProfileId: 'p1' })).toEqual({
      ...DEFAULT_SETTINGS,
      filesAtOnce: 5,
      defaultProfileId: 'p1',
    });
    const store = t.reopen();
    expect(store.settings.get()).toMatchObject({ filesAtOnce: 5, defaultProfileId: 'p1' });
    store.settings.set({ defaultProfileId: undefined });
    expect(store.settings.get().defaultProfileId).toBeUndefined();
  });

  it('refuses an invalid patch with a clear error and saves none of it', () => {
    const t = openTempStore();
    opened.push(t);
    expect(() => t.store.settings.set({ filesAtOnce: 4, partsInFlight: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_SETTINGS',
        message: expect.stringContaining('partsInFlight'),
      }),
    );
    expect(() => t.store.settings.set({ nope: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_SETTINGS' }),
    );
    expect(t.store.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the default for a stored value that no longer validates, and ignores unknown keys', () => {
    const t = openTempStore();
    opened.push(t);
    const put = t.database.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('partSize', '1');
    put.run('theme', '"dark"');
    put.run('fromTheFuture', '{"x":1}');
    expect(t.store.settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});
