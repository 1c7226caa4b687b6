import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries, a cluster made in a temp
 * folder, listening on 127.0.0.1 only, trust authentication for the one superuser. It never touches a
 * system cluster. As root (CI), the server runs as the `postgres` user, since PostgreSQL refuses root.
 */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  stop(): Promise<void>;
}

export function findPostgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/**
 * `password`: the superuser gets it and TCP connections must give it (scram-sha-256), for tests of a refused
 * password; the URL then carries it. Without it, trust authentication.
 */
export async function startTestPostgres(options: { password?: string } = {}): Promise<TestPostgres> {
  const bin = findPostgresBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: the team-queue tests need a real server (apt-get install -y postgresql).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'vod-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const asServerUser = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const pwFile = join(dir, 'pw');
  if (options.password !== undefined) writeFileSync(pwFile, `${options.password}\n`, { mode: 0o644 });

  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    ...(options.password === undefined
      ? ['--auth=trust']
      : ['--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwFile}`]),
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const [pgCmd, pgArgs] = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]);
  const server = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitReady(join(bin, 'pg_isready'), port, server, () => stderr);

  return {
    url:
      options.password === undefined
        ? `postgres://postgres@127.0.0.1:${port}/postgres`
        : `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      // pg_ctl as the server's user: under runuser, a signal to the child would stop runuser, not the server.
      const [ctl, ctlArgs] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      try {
        execFileSync(ctl, ctlArgs, { stdio: 'ignore', timeout: 20_000 });
      } catch {
        // Already stopped, or stuck: the fallback below kills what is left.
      }
      await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitReady(isReady: string, port: number, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log()}`);
    try {
      execFileSync(isReady, ['-h', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  server.kill('SIGKILL');
  throw new Error(`PostgreSQL did not answer within 30 s:\n${log()}`);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGINT: PostgreSQL's "fast shutdown" (ends sessions, no wait for clients).
    server.kill('SIGINT');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
