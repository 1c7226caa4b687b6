import { resolve } from 'node:path';
import { AppError } from '../../core/base/app-error';
import { Redactor } from '../../core/log/redactor';
import { cancelTeamJobs, findTeamJobs, retryTeamJobs } from '../../core/team/team-intents';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { connectTeam } from '../team-run';

type TeamJobsCommand = Extract<CliCommand, { name: 'retry' | 'cancel' | 'remove' }>;

/**
 * `retry|cancel|remove --queue postgres://…`: the queue's intents on the team queue, from any machine. They
 * change rows only; the workers act on them (a cancel's cleanup in VOD is done by a worker for the job's
 * place, with its own credentials: docs/team.md).
 */
export async function teamJobsCommand(cmd: TeamJobsCommand, io: CliIo): Promise<number> {
  const connection = await connectTeam(cmd.queue, io, new Redactor(), cmd.name);
  try {
    const named =
      cmd.targets.length === 0
        ? null
        : await findTeamJobs(connection.pool, cmd.targets, (t) => resolve(io.cwd, t));
    const ids = named?.map((j) => j.id) ?? null;
    switch (cmd.name) {
      case 'retry': {
        const queued = await retryTeamJobs(connection.pool, ids);
        io.stdout.write(`Queued ${queued.length} job(s) again on the team queue; the workers take them.\n`);
        return ExitCode.Ok;
      }
      case 'cancel':
      case 'remove': {
        const remove = cmd.name === 'remove';
        const outcome = await cancelTeamJobs(connection.pool, ids ?? [], {
          remove,
          keepRemote: cmd.name === 'cancel' && !cmd.deleteRemote,
        });
        const parts = [
          `${outcome.canceled.length} canceled`,
          ...(remove ? [`${outcome.removed.length} removed`] : []),
          `${outcome.canceling.length} waiting for a worker to remove their upload and media in VOD`,
        ];
        io.stdout.write(`${parts.join(', ')}.\n`);
        if (outcome.canceling.length > 0) {
          io.stdout.write(
            `The worker holding each (or any worker for its region) removes them${remove ? ' and then the job' : ''}; \`vod-upload status --queue …\` shows them as canceling until then.\n`,
          );
        }
        return ExitCode.Ok;
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  } finally {
    await connection.close();
  }
}
