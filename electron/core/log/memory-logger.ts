import { type LogFields, type Logger, type LogLevel } from './logger';
import type { Redactor } from './redactor';

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Keeps redacted records in memory: for tests and for a host that shows recent log lines. */
export class MemoryLogger implements Logger {
  public constructor(
    private readonly redactor: Redactor,
    public readonly records: LogRecord[] = [],
    private readonly bindings: LogFields = {},
  ) {}

  public debug(message: string, fields?: LogFields): void {
    this.push('debug', message, fields);
  }
  public info(message: string, fields?: LogFields): void {
    this.push('info', message, fields);
  }
  public warn(message: string, fields?: LogFields): void {
    this.push('warn', message, fields);
  }
  public error(message: string, fields?: LogFields): void {
    this.push('error', message, fields);
  }
  public child(bindings: LogFields): Logger {
    return new MemoryLogger(this.redactor, this.records, { ...this.bindings, ...bindings });
  }

  private push(level: LogLevel, message: string, fields: LogFields | undefined): void {
    this.records.push({
      level,
      message: this.redactor.redactString(message),
      fields: this.redactor.redact({ ...this.bindings, ...fields }) as Record<string, unknown>,
    });
  }
}
