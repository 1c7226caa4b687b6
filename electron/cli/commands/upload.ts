import { stat } from 'node:fs/promises';
import { isAllowed } from '../../../shared/domain/job-actions';
import type { EarlierCopy } from '../../../shared/domain/queue';
import { resolve } from 'node:path';
import type { CliCommand } from '../args';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, chooseCredentials, type CredentialChoice } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { createReporter } from '../output/create-reporter';
import { runBatch } from '../run-batch';
import type { Previously } from '../batch-tracker';
import { splitLeftOut } from '../left-out';
import { openSession, type Session } from '../session';
import { formatSize } from '../sizes';
import { presetByName, presetProfileName } from './preset';
import { NOTHING_ADDED, queueLinks, sourcesOf } from './upload-links';
import { resumeHint, stallOverride } from './run-options';

type UploadCommand = Extract<CliCommand, { name: 'upload' }>;

/**
 * `vod-upload upload <path...>`: makes sure these files are in VOD. Queues the new ones, finishes the earlier
 * jobs of the others, uploads exactly those; exit 0 when every file is in VOD, 1 when any is not.
 */
export async function uploadCommand(cmd: UploadCommand, io: CliIo): Promise<number> {
  if (cmd.queue !== undefined) return (await import('./team-upload')).teamUploadCommand(cmd, io);
  const { files, links } = await sourcesOf(cmd.paths, cmd.urlsFile, io.cwd);
  const paths = await existingPaths(files, io.cwd);
  const dataDir = resolveDataDir(cmd.connection.dataDir, io);
  const session = await openSession({
    dataDir,
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
    ...stallOverride(io),
  });
  try {
    const reporter = createReporter(io, cmd.json);
    const preset = cmd.preset === undefined ? undefined : await presetByName(session, cmd.preset);
    const { profileId: presetProfile, ...presetOptions } = preset?.options ?? {};
    const choice = await chooseCredentials(
      session,
      cmd.connection.profile ?? (await presetProfileName(session, presetProfile)),
    );
    const { warning } = await checkCredentials(session, choice, cmd.connection);
    reporter.note(describeChoice(choice, cmd.connection));
    if (warning !== undefined) reporter.note(warning);
    const options = {
      ...presetOptions,
      ...cmd.metadata,
      ...(choice.kind === 'profile' ? { profileId: choice.profileId } : {}),
    };
    const added =
      paths.length > 0
        ? await session.call('queue:add', { paths, options, force: cmd.force })
        : NOTHING_ADDED;
    const earlier = await takeOverEarlierJobs(session, added.earlier);
    const leftOut = splitLeftOut(added.skipped, paths);
    const linked = await queueLinks(session, links, options, cmd.urlMode, leftOut);
    reporter.note(describeIntake(added.added, added.bytes, earlier, linked.added));
    return await runBatch({
      session,
      io,
      reporter,
      jobIds: [...added.jobIds, ...linked.jobIds, ...earlier.jobIds],
      start: { ...leftOut, previously: earlier.previously },
      limits: cmd.limits,
      announce: true,
      resumeHint: resumeHint(cmd.connection, cmd.json),
      onlyTheseJobs: true,
      drainTimeoutMs: cmd.drainTimeoutMs,
    });
  } finally {
    await session.close();
  }
}

interface TakenOver {
  /** Jobs of earlier runs this run finishes: queued, paused (resumed) or failed (retried, parts kept). */
  readonly jobIds: string[];
  readonly retried: number;
  /** Files already in VOD at this destination. */
  readonly previously: Previously[];
}

/**
 * `upload` means "make sure these are in VOD": a file already uploaded to this destination is done; one whose
 * earlier job is still in the queue is finished by this run (a paused job resumed, a failed one retried with
 * the parts it has on OSS) instead of being reported as skipped.
 */
async function takeOverEarlierJobs(session: Session, earlier: readonly EarlierCopy[]): Promise<TakenOver> {
  const out: TakenOver = { jobIds: [], retried: 0, previously: [] };
  const retry: string[] = [];
  const resume: string[] = [];
  for (const copy of earlier) {
    if (copy.state === 'uploaded') {
      out.previously.push({
        path: copy.path,
        mediaId: copy.mediaId ?? '',
        kind: copy.kind,
        destination: copy.destination,
      });
    } else if (copy.jobId !== null && !out.jobIds.includes(copy.jobId)) {
      out.jobIds.push(copy.jobId);
      if (isAllowed(copy.state, 'retry')) retry.push(copy.jobId);
      else if (isAllowed(copy.state, 'resume')) resume.push(copy.jobId);
    }
  }
  if (retry.length > 0) await session.call('queue:retry', { ids: retry });
  if (resume.length > 0) await session.call('queue:resume', { ids: resume });
  return { ...out, retried: retry.length };
}

function describeIntake(added: number, bytes: number, earlier: TakenOver, links: number): string {
  const parts: string[] = [];
  if (added > 0) parts.push(`Queued ${added} file(s), ${formatSize(bytes)}.`);
  if (links > 0) parts.push(`Queued ${links} link(s).`);
  const again = earlier.jobIds.length;
  if (again > 0) {
    parts.push(
      `${again} file(s) already in the queue carry on${earlier.retried > 0 ? ` (${earlier.retried} failed before, retried with their uploaded parts)` : ''}.`,
    );
  }
  if (earlier.previously.length > 0) {
    parts.push(`${earlier.previously.length} file(s) already in VOD (use --force to send them again).`);
  }
  return parts.length > 0 ? parts.join(' ') : 'Nothing to upload.';
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
