import { join } from 'node:path';
import { JsonFileLogger } from '../core/log/json-file-logger';
import type { Redactor } from '../core/log/redactor';

/**
 * The app's log: redacted JSON lines in the OS log folder (app.getPath('logs')), rotated at 5 MiB with three
 * old files kept. It is the core's own file logger rather than electron-log: the same code (and the same
 * redaction tests) as the CLI, and no console / IPC hooks that could write around the redactor.
 */
export const MAIN_LOG_FILE = 'main.log';

export function createAppLogger(logsDir: string, redactor: Redactor) {
  return new JsonFileLogger({
    file: join(logsDir, MAIN_LOG_FILE),
    redactor,
    maxBytes: 5 * 1024 * 1024,
    maxFiles: 3,
  });
}
