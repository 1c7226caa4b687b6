import type { Command } from 'commander';
import { durationMs, metadataOf } from './arg-values';
import { addMetadata, kebab, presetName, run, str, withRun, type Values } from './arg-options';
import { UsageError } from './cli-error';
import type { CliCommand } from './cli-command';

/** `vod-upload watch [dir...]` and `vod-upload watch --list`. */
export function addWatchCommand(cmd: Command, done: (cmd: CliCommand) => void): void {
  addMetadata(
    withRun(cmd)
      .argument('[dir...]', 'folders to watch (added to the watched folders); none: every watched folder')
      .option('--list', 'list the watched folders and exit')
      .option('--preset <name>', 'for folders added now: batch options (and profile) from a preset')
      .option('--settle <duration>', 'a file is complete once unchanged this long: 2s, 1m', '5s'),
  ).action((dirs: string[], v: Values) => {
    if (v['list'] === true) {
      if (dirs.length > 0) throw new UsageError('watch --list takes no folders.');
      done({ name: 'watch-list', dataDir: str(v, 'dataDir'), json: v['json'] === true });
      return;
    }
    const settleMs = durationMs('watch', '--settle', str(v, 'settle') ?? '5s');
    if (settleMs < 500) throw new UsageError('watch: --settle must be at least 0.5s.');
    done({
      name: 'watch',
      dirs,
      ...run(v),
      metadata: metadataOf(kebab(v), 'watch'),
      preset: presetName('watch --preset', str(v, 'preset')),
      settleMs,
    });
  });
}
