import { resolve } from 'node:path';
import type { JobView } from '../../../shared/domain/queue';
import { isFinal } from '../../../shared/domain/job-transitions';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir';
import { openSession, type Session } from '../session';

type QueueJobsCommand = Extract<CliCommand, { name: 'cancel' | 'remove' | 'clear' }>;

/**
 * `cancel`, `remove` and `clear`: the queue's intents, each one call on the engine through the contract. A job
 * whose file vanished or changed no longer blocks `resume`: remove it (or clear --failed).
 */
export async function queueJobsCommand(cmd: QueueJobsCommand, io: CliIo): Promise<number> {
  const connection = cmd.name === 'clear' ? undefined : cmd.connection;
  const session = await openSession({
    dataDir: resolveDataDir(cmd.name === 'clear' ? cmd.dataDir : cmd.connection.dataDir, io),
    env: io.env,
    ...(connection ? { fallback: { region: connection.region, endpoint: connection.endpoint } } : {}),
  });
  try {
    const { jobs } = await session.call('queue:list', {});
    switch (cmd.name) {
      case 'cancel': {
        const ids = jobsNamed(session, jobs, cmd.targets, io.cwd).filter((j) => !isFinal(j.status.state));
        if (ids.length > 0) {
          await session.call('queue:cancel', { ids: ids.map((j) => j.id), deleteRemote: cmd.deleteRemote });
        }
        io.stdout.write(`Canceled ${ids.length} job(s).\n`);
        return ExitCode.Ok;
      }
      case 'remove': {
        const named = jobsNamed(session, jobs, cmd.targets, io.cwd);
        await session.call('queue:remove', { ids: named.map((j) => j.id) });
        io.stdout.write(`Removed ${named.length} job(s) from the queue.\n`);
        return ExitCode.Ok;
      }
      case 'clear': {
        const before = jobs.length;
        if (cmd.finished) await session.call('queue:clear-finished', {});
        if (cmd.failed) {
          const failed = jobs.filter(
            (j) => j.status.state === 'failed' || j.status.state === 'source-missing',
          );
          if (failed.length > 0) await session.call('queue:remove', { ids: failed.map((j) => j.id) });
        }
        const after = (await session.call('queue:list', {})).jobs.length;
        io.stdout.write(`Cleared ${before - after} job(s) from the queue.\n`);
        return ExitCode.Ok;
      }
    }
  } finally {
    await session.close();
  }
}

/**
 * The jobs a command line names: by job id, or by the file's path (relative to the working folder). A name
 * that matches no job is an error (exit 2) that lists what the queue holds, so a typo changes nothing.
 */
export function jobsNamed(
  session: Session,
  jobs: readonly JobView[],
  targets: readonly string[],
  cwd: string,
): JobView[] {
  const out: JobView[] = [];
  const unknown: string[] = [];
  for (const target of targets) {
    const byId = jobs.filter((j) => j.id === target);
    const matches = byId.length > 0 ? byId : jobs.filter((j) => j.path === resolve(cwd, target));
    if (matches.length === 0) unknown.push(target);
    for (const job of matches) if (!out.includes(job)) out.push(job);
  }
  if (unknown.length > 0) {
    throw new CliError(
      `No job in the queue of ${session.dataDir} for ${unknown.map((t) => `"${t}"`).join(', ')}. ` +
        'Name a job by its file path or its id (`vod-upload status --json`).',
    );
  }
  return out;
}
