import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../args';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { chooseCredentials, type CredentialChoice } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { createReporter } from '../output/create-reporter';
import { runBatch } from '../run-batch';
import { openSession } from '../session';
import { formatSize } from '../sizes';
import { resumeHint, stallOverride } from './run-options';

type UploadCommand = Extract<CliCommand, { name: 'upload' }>;

/** `vod-upload upload <path...>`: queue the files, upload exactly them, exit 0 all done / 1 some failed. */
export async function uploadCommand(cmd: UploadCommand, io: CliIo): Promise<number> {
  const paths = await existingPaths(cmd.paths, io.cwd);
  const dataDir = resolveDataDir(cmd.connection.dataDir, io);
  const session = await openSession({
    dataDir,
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
    ...stallOverride(io),
  });
  try {
    const reporter = createReporter(io, cmd.json);
    const choice = await chooseCredentials(session, cmd.connection.profile);
    reporter.note(describeChoice(choice, cmd.connection));
    const added = await session.call('queue:add', {
      paths,
      options: { ...cmd.metadata, ...(choice.kind === 'profile' ? { profileId: choice.profileId } : {}) },
    });
    const skipped = [...added.skipped, ...added.duplicates];
    if (added.added > 0) reporter.note(`Queued ${added.added} file(s), ${formatSize(added.bytes)}.`);
    else reporter.note('Nothing new to upload.');
    return await runBatch({
      session,
      io,
      reporter,
      jobIds: added.jobIds,
      skipped,
      limits: cmd.limits,
      announce: true,
      resumeHint: resumeHint(cmd.connection, cmd.json),
      onlyTheseJobs: true,
    });
  } finally {
    await session.close();
  }
}

/** Every path must exist before anything is queued: a typo is a usage error, not a skipped file. */
async function existingPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    try {
      await stat(absolute);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `No such file or folder: ${path}`
          : `Cannot read ${path}: ${(e as Error).message}`,
      );
    }
    out.push(absolute);
  }
  return out;
}

export function describeChoice(
  choice: CredentialChoice,
  connection: { region: string; endpoint: string | undefined },
): string {
  if (choice.kind === 'profile') {
    return `Using ${choice.isDefault ? 'the default profile' : 'profile'} "${choice.name}".`;
  }
  return `Using credentials from ${choice.source}, region ${connection.region}${connection.endpoint ? `, endpoint ${connection.endpoint}` : ''}.`;
}
