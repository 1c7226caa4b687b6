import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Preset } from '../../../shared/domain/preset';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { profileByName } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { openSession, type Session } from '../session';

type PresetCommand = Extract<
  CliCommand,
  { name: 'preset-list' | 'preset-save' | 'preset-remove' | 'preset-export' | 'preset-import' }
>;

/** `vod-upload preset list|save|remove|export|import`: the batch presets the app shows too. */
export async function presetCommand(cmd: PresetCommand, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(cmd.dataDir, io);
  // Read the import before opening the queue, so a missing file changes nothing.
  const content = cmd.name === 'preset-import' ? await readImport(resolve(io.cwd, cmd.file)) : undefined;
  const session = await openSession({ dataDir });
  try {
    switch (cmd.name) {
      case 'preset-list':
        return await list(session, cmd.json, io);
      case 'preset-save': {
        const profile = cmd.profile === undefined ? undefined : await profileByName(session, cmd.profile);
        const saved = await session.call('presets:save', {
          name: cmd.presetName,
          options: { ...cmd.metadata, ...(profile ? { profileId: profile.id } : {}) },
        });
        io.stdout.write(
          `Saved preset "${saved.name}": ${describeOptions(saved, profile?.name)}. Use it with \`vod-upload upload PATH --preset ${quote(saved.name)}\`.\n`,
        );
        return ExitCode.Ok;
      }
      case 'preset-remove': {
        const preset = await presetByName(session, cmd.presetName);
        const users = (await session.call('watch:list', {})).filter((f) => f.preset === preset.name);
        await session.call('presets:delete', { name: preset.name });
        io.stdout.write(`Removed preset "${preset.name}".\n`);
        // The folders stay watched but queue nothing until they get a preset again: say so now, not later.
        if (users.length > 0) {
          io.stderr.write(
            `Warning: watched folders use it and will queue nothing until they get another preset: ${users.map((f) => f.path).join(', ')}.\n`,
          );
        }
        return ExitCode.Ok;
      }
      case 'preset-export': {
        const file = await session.call('presets:export', {});
        if (cmd.file === undefined) io.stdout.write(file.content);
        else {
          await writeFile(resolve(io.cwd, cmd.file), file.content);
          io.stdout.write(
            `Wrote ${(await session.call('presets:list', {})).length} presets to ${cmd.file}.\n`,
          );
        }
        return ExitCode.Ok;
      }
      case 'preset-import': {
        const result = await session.call('presets:import', { content: content! });
        io.stdout.write(
          `Imported ${result.imported.length} presets: ${result.imported.join(', ') || 'none'}.\n`,
        );
        if (result.withoutProfile.length > 0) {
          io.stdout.write(
            `No profile of the name they use here, so these upload with the default profile: ${result.withoutProfile.join(', ')}.\n`,
          );
        }
        return ExitCode.Ok;
      }
    }
  } finally {
    await session.close();
  }
}

/** The preset of that name (case-insensitively); exit 2 naming the presets there are. */
export async function presetByName(session: Session, name: string): Promise<Preset> {
  const presets = await session.call('presets:list', {});
  const found =
    presets.find((p) => p.name === name) ?? presets.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  throw new CliError(
    presets.length === 0
      ? `There is no preset named "${name}": ${session.dataDir} has none. Save one in the app or with \`vod-upload preset save ${quote(name)} --title …\`.`
      : `There is no preset named "${name}". Presets: ${presets.map((p) => p.name).join(', ')}.`,
  );
}

async function readImport(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`preset import: cannot read ${file}: ${(e as Error).message}`);
  }
}

async function list(session: Session, json: boolean, io: CliIo): Promise<number> {
  const presets = await session.call('presets:list', {});
  const profiles = await session.call('profiles:list', {});
  const profileName = (id: string | undefined) => profiles.find((p) => p.id === id)?.name;
  if (json) {
    io.stdout.write(
      `${JSON.stringify(presets.map((p) => ({ ...p, profile: profileName(p.options.profileId) ?? null })))}\n`,
    );
    return ExitCode.Ok;
  }
  if (presets.length === 0) {
    io.stdout.write(
      `No presets in ${session.dataDir}. Save one in the app or with \`vod-upload preset save\`.\n`,
    );
    return ExitCode.Ok;
  }
  io.stdout.write(
    renderTable(
      ['Name', 'Sets'],
      presets.map((p) => [p.name, describeOptions(p, profileName(p.options.profileId))]),
    ),
  );
  return ExitCode.Ok;
}

function describeOptions(preset: Preset, profile: string | undefined): string {
  const { profileId: _profileId, ...options } = preset.options;
  const parts = Object.entries(options)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  if (profile !== undefined) parts.unshift(`profile=${profile}`);
  return parts.length > 0 ? parts.join(' ') : 'nothing (the profile defaults)';
}

function quote(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `"${name}"`;
}

/** The name of a preset's profile; a preset whose profile was deleted is refused, not silently rerouted. */
export async function presetProfileName(
  session: Session,
  profileId: string | undefined,
): Promise<string | undefined> {
  if (profileId === undefined) return undefined;
  const profile = (await session.call('profiles:list', {})).find((p) => p.id === profileId);
  if (!profile) {
    throw new CliError(
      'The preset names a profile that no longer exists: pass --profile, or save the preset again.',
    );
  }
  return profile.name;
}
