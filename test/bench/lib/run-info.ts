import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { round } from './units';

/** What a bench entry point records of its own run: when, on what commit, how loaded the machine was. */
export interface RunInfo {
  readonly startedAt: number;
  readonly loadAtStart: number;
  /** A progress line on stderr, with the seconds since the start. */
  log(line: string): void;
  /** The report's header: date, commit, cores, load average at start and now, duration so far. */
  header(): {
    date: string;
    commit: string;
    cores: number;
    loadAverage1m: { start: number; end: number };
    durationSec: number;
  };
}

export function startRunInfo(): RunInfo {
  const startedAt = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const seconds = (): number => round((Date.now() - startedAt) / 1000, 0);
  return {
    startedAt,
    loadAtStart,
    log: (line) => {
      process.stderr.write(`[${seconds()}s] ${line}\n`);
    },
    header: () => ({
      date: new Date(startedAt).toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
      cores: availableParallelism(),
      loadAverage1m: { start: round(loadAtStart, 2), end: round(loadavg()[0] ?? 0, 2) },
      durationSec: seconds(),
    }),
  };
}

/** Writes the report as JSON to `out` (creating its folder) and prints it. */
export function writeJsonReport(out: string, report: unknown): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
