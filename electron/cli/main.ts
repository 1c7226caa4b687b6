import { AppError } from '../core/base/app-error';
import { parseCli } from './args';
import { CliError, ExitCode, UsageError } from './cli-error';
import { processIo, type CliIo } from './cli-io';
import { historyCommand } from './commands/history';
import { profileCommand } from './commands/profile';
import { resumeCommand } from './commands/resume';
import { statusCommand } from './commands/status';
import { uploadCommand } from './commands/upload';
import { usageFor } from './usage';

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
        io.stdout.write(`${usageFor(cmd.topic)}\n`);
        return ExitCode.Ok;
      case 'upload':
        return await uploadCommand(cmd, io);
      case 'resume':
        return await resumeCommand(cmd, io);
      case 'status':
        return await statusCommand(cmd, io);
      case 'history':
        return await historyCommand(cmd, io);
      case 'profile-add':
      case 'profile-list':
      case 'profile-remove':
      case 'profile-test':
        return await profileCommand(cmd, io);
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
