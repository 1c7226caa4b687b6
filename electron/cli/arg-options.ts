import { Option, type Command } from 'commander';
import { durationMs, limitsOf } from './arg-values';
import { UsageError } from './cli-error';
import { DEFAULT_REGION, type ConnectionOptions } from './cli-command';

/** Commander's parsed option values. */
export type Values = Record<string, string | boolean | undefined>;

/* The option groups commands share (data dir, connection, run limits, metadata) and their values, checked. */

export function withDataDir(cmd: Command): Command {
  return cmd.option(
    '--data-dir <dir>',
    "queue and profiles (default: the desktop app's; env VOD_UPLOADER_DATA_DIR)",
  );
}

export function withConnection(cmd: Command): Command {
  return withDataDir(
    cmd
      .option(
        '--profile <name>',
        'a profile from `vod-upload profile add` (else the default, else the variables)',
      )
      .option('--region <id>', 'VOD region of the credentials', DEFAULT_REGION)
      .option('--endpoint <url>', "VOD OpenAPI endpoint (default: the region's)"),
  );
}

export function withRun(cmd: Command): Command {
  return withConnection(cmd)
    .option('--files <n>', 'most files at once (1-128; found automatically below that)')
    .option('--parts <n>', 'most parts in flight in all (1-128; found automatically below that)')
    .option('--part-size <size>', 'preferred part size, bytes or e.g. 8MiB (100KiB-5GiB)')
    .option('--limit-rate <bytes_per_s>', 'total upload rate, e.g. 20MiB (0 = no limit)')
    .option('--drain-timeout <duration>', 'on SIGTERM, wait this long for parts in flight to finish', '25s')
    .option('--json', 'one JSON event per line, then the summary line');
}

export function addMetadata(cmd: Command): Command {
  return cmd
    .option('--title <template>', 'title template, e.g. "{folder} {name}" (default {name})')
    .option('--description <text>', 'description')
    .option('--tags <a,b>', 'tags, comma-separated (at most 16)')
    .option('--cate-id <n>', 'category id')
    .option('--template-group <id>', 'transcoding template group')
    .option('--workflow-id <id>', 'workflow')
    .option('--storage-location <loc>', 'storage location')
    .option('--app-id <id>', 'VOD app id')
    .option('--user-data <json>', 'UserData, a JSON object (callback, acceleration, Extend)')
    .option('--cover-url <url>', 'cover image URL for videos (CoverURL)')
    .addOption(
      new Option('--image-type <type>', 'images as library images or as video covers').choices([
        'default',
        'cover',
      ]),
    )
    .addOption(
      new Option('--attached-as <type>', 'send files a watermark or material can be as that').choices([
        'watermark',
        'material',
      ]),
    );
}

export function presetName(command: string, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name.trim() === '' || name.trim().length > 64) {
    throw new UsageError(
      `${command}: name the preset (1 to 64 characters), e.g. \`vod-upload preset list\`.`,
    );
  }
  return name.trim();
}

export function run(v: Values) {
  return {
    connection: connection(v),
    json: v['json'] === true,
    limits: limitsOf(kebab(v)),
    drainTimeoutMs: durationMs('vod-upload', '--drain-timeout', str(v, 'drainTimeout') ?? '25s'),
  };
}

export function connection(v: Values): ConnectionOptions {
  const region = str(v, 'region') ?? DEFAULT_REGION;
  if (region.trim() === '') throw new UsageError('--region needs a region ID, e.g. cn-shanghai.');
  const profile = str(v, 'profile');
  if (profile !== undefined && profile.trim() === '') {
    throw new UsageError('--profile needs the name of a profile (see `vod-upload profile list`).');
  }
  return { dataDir: str(v, 'dataDir'), region, endpoint: str(v, 'endpoint'), profile };
}

export function str(v: Values, key: string): string | undefined {
  const value = v[key];
  return typeof value === 'string' ? value : undefined;
}

/** Commander's camelCase option keys back to the flags' names, for the checks that name the flag. */
export function kebab(v: Values): Values {
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), x]),
  );
}
