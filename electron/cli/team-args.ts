import type { Command } from 'commander';
import { durationMs } from './arg-values';
import { run, str, withRun, type Values } from './arg-options';
import { UsageError } from './cli-error';
import type { CliCommand } from './cli-command';

/* The team queue's options (docs/team.md): `--queue`, `--path-map`, and the `worker` command. */

export function withQueue(cmd: Command, what: string): Command {
  return cmd.option(
    '--queue <url>',
    `${what} on the team queue: postgres://ROLE@HOST/DB (password from VOD_UPLOADER_QUEUE_PASSWORD or PGPASSWORD)`,
  );
}

export function withPathMap(cmd: Command): Command {
  return cmd.option(
    '--path-map <from=to>',
    'read files queued as FROM/... at TO/... here, e.g. /Volumes/NAS=/mnt/nas (repeatable)',
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
}

export function pathMapOf(v: Values): string[] {
  const value = (v as Record<string, unknown>)['pathMap'];
  return Array.isArray(value) ? value.map(String) : [];
}

/** `vod-upload worker`: takes jobs from the team queue until stopped. */
export function addWorkerCommand(cmd: Command, done: (cmd: CliCommand) => void): void {
  withPathMap(withQueue(withRun(cmd), 'work'))
    .option('--name <name>', "this machine's name in the team history (default: the host name)")
    .option('--lease <duration>', 'how long a claim lasts without a heartbeat: 10s, 1m', '30s')
    .action((v: Values) => {
      const leaseMs = durationMs('worker', '--lease', str(v, 'lease') ?? '30s');
      if (leaseMs < 1000) throw new UsageError('worker: --lease must be at least 1s.');
      const name = str(v, 'name');
      if (name !== undefined && name.trim() === '') throw new UsageError('worker: --name needs a name.');
      done({
        name: 'worker',
        ...run(v),
        queue: str(v, 'queue'),
        pathMap: pathMapOf(v),
        workerName: name?.trim(),
        leaseMs,
      });
    });
}
