import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/vod-upload.mjs', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `node bin/vod-upload.mjs ...`: the real CLI process, as a user or a script starts it. */
export interface CliRun {
  readonly child: ChildProcess;
  readonly result: Promise<CliResult>;
  stdout(): string;
  /** Resolves with the first stdout line `match` accepts (lines are JSON events under --json). */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** Only what the CLI needs: no ALIBABA_CLOUD_* from the outer environment leaks into a test. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, USERPROFILE: home, ...extra };
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let out = '';
  let err = '';
  const lineWaiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let seen = 0;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const lines = out.split('\n');
    for (; seen < lines.length - 1; seen++) {
      const line = lines[seen]!;
      for (const waiter of lineWaiters.splice(0)) {
        if (waiter.match(line)) waiter.resolve(line);
        else lineWaiters.push(waiter);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  return {
    child,
    result,
    stdout: () => out,
    waitForLine(match, timeoutMs = 30_000) {
      const already = out.split('\n').slice(0, -1).find(match);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching line within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)),
          timeoutMs,
        );
        lineWaiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void result.then(() => {
          clearTimeout(timer);
          reject(new Error(`the CLI exited before a matching line; stdout:\n${out}\nstderr:\n${err}`));
        });
      });
    },
  };
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).result;
}

/** The `--json` summary: the last line of stdout. */
export interface Summary {
  done: { path: string; mediaId: string; kind: string; previously?: true; destination?: string | null }[];
  failed: { path: string; code: string; message: string }[];
  unfinished: { path: string; state: string; bytesDone: number; size: number }[];
  skipped: { path: string; reason: string }[];
}

export function summaryOf(stdout: string): Summary {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Summary;
}

export function eventsOf(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A matcher for a `--json` output line: the event, and the file's path when given (a non-JSON line: no). */
export const jsonLineIs =
  (event: string, path?: string) =>
  (line: string): boolean => {
    try {
      const parsed = JSON.parse(line) as { event?: string; path?: string };
      return parsed.event === event && (path === undefined || parsed.path === path);
    } catch {
      return false;
    }
  };
