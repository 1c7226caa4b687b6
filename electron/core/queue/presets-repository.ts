import {
  PRESET_FILE_FORMAT,
  PresetFileSchema,
  PresetInputSchema,
  type Preset,
  type PresetFile,
  type PresetInput,
} from '../../../shared/domain/preset';
import { BatchOptionsSchema } from '../../../shared/domain/upload-defaults';
import { AppError } from '../base/app-error';
import type { SqliteDatabase } from '../base/sqlite';

export interface PresetImport {
  readonly imported: string[];
  /** Presets whose profile is not here: imported on the default profile. */
  readonly withoutProfile: string[];
}

export interface PresetsRepository {
  list(): Preset[];
  /** By name, case-insensitively; PRESET_NOT_FOUND names the presets there are. */
  get(name: string): Preset;
  /** Creates or replaces the preset of that name. */
  save(input: PresetInput): Preset;
  delete(name: string): void;
  /** Every preset as the export file; profile ids become profile names. */
  exportFile(profileName: (id: string) => string | undefined): PresetFile;
  /** Saves every preset of an export file (replacing those of the same name); INVALID_PRESET_FILE says why not. */
  importFile(content: string, profileId: (name: string) => string | undefined): PresetImport;
}

interface Row {
  name: string;
  options: string;
  updated_at: number;
}

export function createPresetsRepository(db: SqliteDatabase, now: () => number): PresetsRepository {
  const stmt = {
    all: db.prepare<[], Row>('SELECT name, options, updated_at FROM presets ORDER BY name COLLATE NOCASE'),
    one: db.prepare<[string], Row>('SELECT name, options, updated_at FROM presets WHERE name = ?'),
    put: db.prepare(
      `INSERT INTO presets (name, options, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET name = excluded.name, options = excluded.options,
         updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM presets WHERE name = ?'),
  };

  const toPreset = (row: Row): Preset => {
    // A row written by another version that no longer validates keeps its name, with only what still does.
    const parsed = BatchOptionsSchema.safeParse(JSON.parse(row.options));
    return { name: row.name, options: parsed.success ? parsed.data : {}, updatedAt: row.updated_at };
  };

  function get(name: string): Preset {
    const row = stmt.one.get(name.trim());
    if (!row) {
      const names = stmt.all.all().map((r) => `"${r.name}"`);
      throw new AppError(
        'PRESET_NOT_FOUND',
        `No preset named "${name}". ${names.length ? `Presets: ${names.join(', ')}.` : 'There are no presets yet.'}`,
      );
    }
    return toPreset(row);
  }

  function save(input: PresetInput): Preset {
    const parsed = PresetInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'INVALID_PRESET',
        `Preset ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`,
      );
    }
    const at = now();
    stmt.put.run(parsed.data.name, JSON.stringify(parsed.data.options), at);
    return { name: parsed.data.name, options: parsed.data.options, updatedAt: at };
  }

  return {
    list: () => stmt.all.all().map(toPreset),
    get,
    save,
    delete(name) {
      get(name);
      stmt.remove.run(name.trim());
    },
    exportFile(profileName) {
      return {
        format: PRESET_FILE_FORMAT,
        version: 1,
        presets: stmt.all.all().map((row) => {
          const { profileId, ...options } = toPreset(row).options;
          const profile = profileId === undefined ? undefined : profileName(profileId);
          return { name: row.name, ...(profile !== undefined ? { profile } : {}), options };
        }),
      };
    },
    importFile: db.transaction((content: string, profileId: (name: string) => string | undefined) => {
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        throw new AppError(
          'INVALID_PRESET_FILE',
          'The file is not JSON: export presets from the app or the CLI.',
        );
      }
      const file = PresetFileSchema.safeParse(json);
      if (!file.success) {
        const issue = file.error.issues[0];
        throw new AppError(
          'INVALID_PRESET_FILE',
          `Not a presets file: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}. Nothing was imported.`,
        );
      }
      const out = { imported: [] as string[], withoutProfile: [] as string[] };
      for (const preset of file.data.presets) {
        const id = preset.profile === undefined ? undefined : profileId(preset.profile);
        if (preset.profile !== undefined && id === undefined) out.withoutProfile.push(preset.name);
        save({ name: preset.name, options: { ...preset.options, ...(id ? { profileId: id } : {}) } });
        out.imported.push(preset.name);
      }
      return out;
    }),
  };
}
