import { AppError } from '../core/base/app-error';
import { parseCli } from './args';
import { CliError, ExitCode, UsageError } from './cli-error';
import { processIo, type CliIo } from './cli-io';

/**
 * The `vod-upload` entry point (bin/vod-upload.mjs): runs one command and returns the exit status. Errors the
 * user can fix (usage, configuration, credentials, a queue in use) print one message and return 2; anything
 * else is a bug and prints its stack.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const cmd = parseCli(argv);
    switch (cmd.name) {
      case 'help':
        io.stdout.write(cmd.text.endsWith('\n') ? cmd.text : `${cmd.text}\n`);
        return ExitCode.Ok;
      // Each command is loaded when it runs (a chunk of its own in the bundle): `--help` and `status` never
      // load the engine, the OSS client or the Alibaba Cloud SDK.
      case 'upload':
        return await (await import('./commands/upload')).uploadCommand(cmd, io);
      case 'resume':
        return await (await import('./commands/resume')).resumeCommand(cmd, io);
      case 'retry':
        if (cmd.queue !== undefined)
          return await (await import('./commands/team-jobs')).teamJobsCommand(cmd, io);
        return await (await import('./commands/retry')).retryCommand(cmd, io);
      case 'cancel':
      case 'remove':
        if (cmd.queue !== undefined)
          return await (await import('./commands/team-jobs')).teamJobsCommand(cmd, io);
        return await (await import('./commands/queue-jobs')).queueJobsCommand(cmd, io);
      case 'clear':
        return await (await import('./commands/queue-jobs')).queueJobsCommand(cmd, io);
      case 'wait':
        return await (await import('./commands/wait')).waitCommand(cmd, io);
      case 'watch':
      case 'watch-list':
        return await (await import('./commands/watch')).watchCommand(cmd, io);
      case 'doctor':
        return await (await import('./commands/doctor')).doctorCommand(cmd, io);
      case 'worker':
        return await (await import('./commands/worker')).workerCommand(cmd, io);
      case 'status':
        return await (await import('./commands/status')).statusCommand(cmd, io);
      case 'history':
        return await (await import('./commands/history')).historyCommand(cmd, io);
      case 'profile-add':
      case 'profile-list':
      case 'profile-remove':
      case 'profile-test':
        return await (await import('./commands/profile')).profileCommand(cmd, io);
      case 'preset-list':
      case 'preset-save':
      case 'preset-remove':
      case 'preset-export':
      case 'preset-import':
        return await (await import('./commands/preset')).presetCommand(cmd, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(
        `vod-upload: ${e.message}\nRun \`vod-upload help${e.topic ? ` ${e.topic}` : ''}\` for usage.\n`,
      );
      return e.exitCode;
    }
    if (e instanceof CliError) {
      io.stderr.write(`vod-upload: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof AppError) {
      // A refusal by a service (a profile name taken, a region VOD does not serve...): the user's to fix.
      io.stderr.write(`vod-upload: ${e.message}${e.requestId ? ` (request ${e.requestId})` : ''}\n`);
      return ExitCode.Usage;
    }
    io.stderr.write(
      `vod-upload: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return ExitCode.SomeFailed;
  }
}
