/** The exit statuses other tools rely on (docs/cli.md). */
export const ExitCode = {
  Ok: 0,
  SomeFailed: 1,
  Usage: 2,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports as one message and an exit status (no stack trace: it is the user's to fix). */
export class CliError extends Error {
  public constructor(
    message: string,
    public readonly exitCode: ExitCode = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad command line: exit 2, and the help topic to point at. */
export class UsageError extends CliError {
  public constructor(
    message: string,
    public readonly topic?: string,
  ) {
    super(message, ExitCode.Usage);
    this.name = 'UsageError';
  }
}
