import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Bench child scripts live in test/bench/children and run under tsx in their own Node process. */
export function childScript(name: string): string {
  return fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url));
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Child side: hand the result back as one prefixed JSON line on stdout. */
export function reply(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Child side: the task, as JSON in BENCH_TASK. */
export function readTask<T>(): T {
  const raw = process.env['BENCH_TASK'];
  if (raw === undefined)
    throw new Error('BENCH_TASK is not set: this script is started by test/bench/run.ts');
  return JSON.parse(raw) as T;
}

export interface ChildExit {
  readonly result: unknown;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last few KB the child wrote to stderr: enough to explain a failure. */
  readonly stderr: string;
}

/**
 * Why a child failed, in a few words, from its stderr: the message of the last error it printed, without
 * the request's URL and socket details (ali-oss prints `Error [ResponseError]: … socket hang up, PUT https://…`).
 */
export function failureReason(stderr: string): string | undefined {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .reverse()
    .find((l) => /^\w*Error\b[^:]*: /.test(l));
  if (line === undefined) return undefined;
  // The innermost message: "Failed to upload some parts with error: ResponseError: socket hang up" → the last.
  const message = line.split(/\w*Error(?: \[\w+\])?: /).at(-1)!;
  return message.split(/,? (?:[A-Z]+ )?https?:\/\//)[0]!.slice(0, 80);
}

/** A failed run's message for a table cell: the reason alone, without which bench child said it. */
export function shortReason(message: string, max = 60): string {
  return message.replace(/ \(bench child [^)]*\)$/, '').slice(0, max);
}

export interface SpawnedChild {
  readonly child: ChildProcess;
  /** Resolves with the child's result line (or undefined) and exit code once it exits. */
  readonly done: Promise<ChildExit>;
  /** Resolves when the child prints a line starting with `marker`. */
  waitFor(marker: string): Promise<void>;
  /** Calls `listener` with every line the child prints on stdout from now on. */
  onLine(listener: (line: string) => void): void;
}

/** A task for the emulator's HTTPS mode carries its certificate: the child trusts it from its start. */
function trustFor(task: unknown): Record<string, string> {
  const caFile = (task as { config?: { ossCaFile?: string } } | null)?.config?.ossCaFile;
  return caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {};
}

/**
 * Extra Node flags for every bench child, from BENCH_CHILD_NODE_ARGS (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the uploads (Node refuses --cpu-prof in NODE_OPTIONS).
 */
function profilerArgs(): string[] {
  return (process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
}

export function spawnChild(name: string, task: unknown): SpawnedChild {
  const child = spawn(process.execPath, [...profilerArgs(), '--import', 'tsx', childScript(name)], {
    env: { ...process.env, BENCH_TASK: JSON.stringify(task), ...trustFor(task) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let result: unknown;
  let buffer = '';
  let stderr = '';
  const markers: { marker: string; resolve: () => void }[] = [];
  const lineListeners: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
      for (const listener of lineListeners) listener(line);
      for (const m of markers.splice(0)) {
        if (line.startsWith(m.marker)) m.resolve();
        else markers.push(m);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // Keep the tail only: enough to explain a failure.
    stderr = (stderr + chunk).slice(-8000);
  });
  const done = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ result, code, signal, stderr })),
  );
  return {
    child,
    done: done.then((d) => {
      if (d.code !== 0 && d.signal === null) process.stderr.write(`[${name}] exit ${d.code}\n${stderr}\n`);
      return d;
    }),
    waitFor: (marker) => new Promise((resolve) => markers.push({ marker, resolve })),
    onLine: (listener) => lineListeners.push(listener),
  };
}

/** Runs a child to the end and returns its result; throws if it failed or printed none. */
export async function runChild<T>(name: string, task: unknown, timeoutMs = 15 * 60_000): Promise<T> {
  const spawned = spawnChild(name, task);
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), timeoutMs);
  const { result, code, signal, stderr } = await spawned.done;
  clearTimeout(timer);
  if (code !== 0 || result === undefined) {
    // The reason first: the tables print the start of the message.
    const reason = failureReason(stderr) ?? 'no result';
    throw new Error(`${reason} (bench child ${name}, exit ${code ?? signal})`);
  }
  return result as T;
}
