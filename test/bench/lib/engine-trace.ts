import { appendFileSync, writeFileSync } from 'node:fs';
import type { LogFields } from '../../../electron/core/log/logger';

/**
 * `BENCH_ENGINE_TRACE=<file>` on a bench child: the engine's info log lines (`connections changed`…) and,
 * every 500 ms, what is in flight (connections active and allowed, files running), one JSON line each with
 * the milliseconds since the child started tracing. For reading a run over time; off when the variable is unset.
 */
export interface EngineTrace {
  log(message: string, fields?: LogFields): void;
  sample(read: () => Record<string, number>): void;
  stop(): void;
}

export function startEngineTrace(file: string | undefined): EngineTrace | undefined {
  if (file === undefined || file === '') return undefined;
  const t0 = performance.now();
  writeFileSync(file, '');
  const write = (line: Record<string, unknown>): void =>
    appendFileSync(file, `${JSON.stringify({ ms: Math.round(performance.now() - t0), ...line })}\n`);
  let timer: NodeJS.Timeout | undefined;
  return {
    log: (message, fields) => {
      if (message === 'connections changed') write({ message, ...fields });
    },
    sample: (read) => {
      timer = setInterval(() => write(read()), 500);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
