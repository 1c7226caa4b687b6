import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, chooseCredentials } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { Redactor } from '../../core/log/redactor';
import { createTeamQueue } from '../../core/team/team-queue';
import { openSession } from '../session';
import { connectTeam, describeSigner, pathRules, placeOf, runTeamWork, workerIdentity } from '../team-run';
import { stallOverride } from './run-options';

type WorkerCommand = Extract<CliCommand, { name: 'worker' }>;

/**
 * `vod-upload worker --queue postgres://…`: takes jobs from the team queue and uploads them with this
 * machine's profile, until SIGTERM/SIGINT, which drains (docs/team.md): exit 0 when every part in flight finished, 130 when
 * --drain-timeout cut some off. Its data dir is its local working
 * set; run one worker per data dir.
 */
export async function workerCommand(cmd: WorkerCommand, io: CliIo): Promise<number> {
  const pathMap = pathRules(cmd.pathMap);
  const redactor = new Redactor();
  const worker = workerIdentity(cmd.workerName);
  const connection = await connectTeam(cmd.queue, io, redactor, `worker ${worker.id}`);
  try {
    const session = await openSession({
      dataDir: resolveDataDir(cmd.connection.dataDir, io),
      env: io.env,
      redactor,
      fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
      team: {
        queue: createTeamQueue(connection.pool, worker, cmd.leaseMs),
        worker,
        listen: (onNotify) => connection.listen(onNotify),
        pathMap,
        leaseMs: cmd.leaseMs,
      },
      ...stallOverride(io),
    });
    let choice;
    try {
      choice = await chooseCredentials(session, cmd.connection.profile);
      const { warning } = await checkCredentials(session, choice, cmd.connection);
      if (!cmd.json) {
        io.stderr.write(`${describeSigner(choice, cmd.connection)} Team queue: ${connection.label}\n`);
        if (warning !== undefined) io.stderr.write(`${warning}\n`);
      }
    } catch (e) {
      await session.close();
      throw e;
    }
    const { cutOff } = await runTeamWork({
      session,
      io,
      json: cmd.json,
      limits: cmd.limits,
      drainTimeoutMs: cmd.drainTimeoutMs,
      profileId: choice.kind === 'profile' ? choice.profileId : null,
      place: await placeOf(session, choice, cmd.connection),
    });
    // A worker ends by being told to: a clean drain (every part in flight finished) is a success; a drain that
    // had to abort parts (--drain-timeout) says so, since those parts are sent again.
    return cutOff.length > 0 ? ExitCode.Interrupted : ExitCode.Ok;
  } finally {
    await connection.close();
  }
}
