import type { CliIo } from '../cli-io';
import { JsonReporter } from './json-reporter';
import { LogReporter } from './log-reporter';
import type { Reporter } from './reporter';
import { TtyReporter } from './tty-reporter';

/** JSON lines with --json; live bars on a terminal; plain log lines otherwise (a pipe, a CI log, TERM=dumb). */
export function createReporter(io: CliIo, json: boolean): Reporter {
  if (json) return new JsonReporter(io);
  if (io.stderr.isTTY === true && io.env['TERM'] !== 'dumb') return new TtyReporter(io);
  return new LogReporter(io);
}
