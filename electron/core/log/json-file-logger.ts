import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { LOG_LEVEL_RANK, type LogFields, type Logger, type LogLevel } from './logger';
import type { Redactor } from './redactor';
import { ensurePrivateDir, ensurePrivateFile } from '../base/private-files';

export interface JsonFileLoggerOptions {
  /** The active log file; rotated copies are `<file>.1` (newest) … `<file>.<maxFiles>`. */
  readonly file: string;
  readonly redactor: Redactor;
  readonly level?: LogLevel;
  /** Rotate when the active file would grow past this many bytes (default 5 MiB). */
  readonly maxBytes?: number;
  /** Rotated files kept (default 3). */
  readonly maxFiles?: number;
  readonly now?: () => number;
}

/**
 * A logger that appends one redacted JSON object per line. Writes are synchronous: log volume is low (the
 * engine logs state changes, not bytes) and a synchronous write is never lost to a crash that follows it.
 */
export class JsonFileLogger implements Logger {
  private fd: number | null = null;
  private size = 0;

  public constructor(
    private readonly options: JsonFileLoggerOptions,
    private readonly bindings: LogFields = {},
    private readonly root?: JsonFileLogger,
  ) {}

  public debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }
  public info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }
  public warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }
  public error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  public child(bindings: LogFields): Logger {
    return new JsonFileLogger(this.options, { ...this.bindings, ...bindings }, this.root ?? this);
  }

  public close(): void {
    const owner = this.root ?? this;
    if (owner.fd !== null) closeSync(owner.fd);
    owner.fd = null;
  }

  private write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (LOG_LEVEL_RANK[level] < LOG_LEVEL_RANK[this.options.level ?? 'info']) return;
    const { redactor } = this.options;
    // The line's own keys come last so a field named "message" or "level" cannot overwrite them.
    const record = {
      ...(redactor.redact({ ...this.bindings, ...fields }) as Record<string, unknown>),
      time: new Date((this.options.now ?? Date.now)()).toISOString(),
      level,
      message: redactor.redactString(message),
    };
    (this.root ?? this).append(`${JSON.stringify(record)}\n`);
  }

  private append(line: string): void {
    const bytes = Buffer.byteLength(line);
    const maxBytes = this.options.maxBytes ?? 5 * 1024 * 1024;
    if (this.fd === null) this.open();
    if (this.size > 0 && this.size + bytes > maxBytes) {
      this.rotate();
      this.open();
    }
    writeSync(this.fd as number, line);
    this.size += bytes;
  }

  private open(): void {
    ensurePrivateDir(dirname(this.options.file));
    ensurePrivateFile(this.options.file);
    this.fd = openSync(this.options.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const { file } = this.options;
    const maxFiles = Math.max(1, this.options.maxFiles ?? 3);
    rmSync(`${file}.${maxFiles}`, { force: true });
    for (let n = maxFiles - 1; n >= 1; n -= 1) {
      if (existsSync(`${file}.${n}`)) renameSync(`${file}.${n}`, `${file}.${n + 1}`);
    }
    renameSync(file, `${file}.1`);
  }
}
