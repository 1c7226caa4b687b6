/**
 * The app's logging interface. Services log structured fields, never pre-formatted strings with values
 * spliced in, so the redactor can see each value under its key. The Electron shell may put electron-log
 * behind the same interface; the CLI and tests use the JSON-lines file logger.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line (e.g. a job id or a profile id). */
  child(bindings: LogFields): Logger;
}

export const LOG_LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

/** A logger that drops everything: the default where a service was given none. */
export const nullLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => nullLogger,
};
