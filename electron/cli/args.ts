import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BatchOptions } from '../../shared/domain/upload-defaults';
import type { RunLimits } from '../core/app/app-services';
import { UsageError } from './cli-error';
import { parseSize } from './sizes';

export const DEFAULT_REGION = 'cn-shanghai';

/** Where to upload and as whom. */
export interface ConnectionOptions {
  readonly dataDir: string | undefined;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly profile: string | undefined;
}

/** Settings for this run only (restored afterwards), as settings:set fields. */

export type Metadata = Omit<BatchOptions, 'profileId'>;

export type ProfileCredentialFlags = {
  readonly accessKeyId: string | undefined;
  readonly roleArn: string | undefined;
  readonly authService: string | undefined;
  readonly secretStdin: boolean;
};

export type CliCommand =
  | { readonly name: 'help'; readonly topic: string | undefined }
  | {
      readonly name: 'upload';
      readonly paths: readonly string[];
      readonly connection: ConnectionOptions;
      readonly json: boolean;
      readonly limits: RunLimits;
      readonly metadata: Metadata;
      /** Send files even when already uploaded to this destination. */
      readonly force: boolean;
    }
  | {
      readonly name: 'resume';
      readonly connection: ConnectionOptions;
      readonly json: boolean;
      readonly limits: RunLimits;
    }
  | { readonly name: 'status'; readonly dataDir: string | undefined; readonly json: boolean }
  | {
      readonly name: 'history';
      readonly dataDir: string | undefined;
      readonly format: 'table' | 'csv' | 'json';
      readonly search: string;
      readonly limit: number;
    }
  | {
      readonly name: 'profile-add';
      readonly dataDir: string | undefined;
      readonly profileName: string;
      readonly region: string;
      readonly endpoint: string | undefined;
      readonly credential: ProfileCredentialFlags;
      readonly metadata: Metadata;
      readonly makeDefault: boolean;
    }
  | { readonly name: 'profile-list'; readonly dataDir: string | undefined; readonly json: boolean }
  | { readonly name: 'profile-remove'; readonly dataDir: string | undefined; readonly profileName: string }
  | {
      readonly name: 'profile-test';
      readonly dataDir: string | undefined;
      readonly profileName: string;
      readonly json: boolean;
    };

type Options = NonNullable<ParseArgsConfig['options']>;

const common = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;
const connection = {
  ...common,
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies Options;
const limits = {
  files: { type: 'string' },
  parts: { type: 'string' },
  'part-size': { type: 'string' },
  'limit-rate': { type: 'string' },
} as const satisfies Options;
const metadata = {
  title: { type: 'string' },
  description: { type: 'string' },
  tags: { type: 'string' },
  'cate-id': { type: 'string' },
  'template-group': { type: 'string' },
  'workflow-id': { type: 'string' },
  'storage-location': { type: 'string' },
  'app-id': { type: 'string' },
} as const satisfies Options;

const COMMANDS = ['upload', 'resume', 'status', 'history', 'profile', 'help'] as const;

/**
 * Turns argv (without node and the script) into a command. Unknown commands or options, missing arguments
 * and bad values throw UsageError with a message that names the flag and says what it accepts.
 */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { name: 'help', topic: undefined };
  if (first === 'help') return { name: 'help', topic: rest[0] };
  switch (first) {
    case 'upload':
      return parseUpload(rest);
    case 'resume':
      return parseResume(rest);
    case 'status':
      return parseStatus(rest);
    case 'history':
      return parseHistory(rest);
    case 'profile':
      return parseProfile(rest);
    default:
      throw new UsageError(
        first.startsWith('-')
          ? `Put the command first (one of ${COMMANDS.join(', ')}), then its options.`
          : `Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`,
      );
  }
}

function parse<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
  positionals: boolean,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional.*$/s, '.')}`, command);
  }
}

function parseUpload(args: readonly string[]): CliCommand {
  const { values, positionals } = parse(
    'upload',
    args,
    { ...connection, ...limits, ...metadata, force: { type: 'boolean' } },
    true,
  );
  if (values.help) return { name: 'help', topic: 'upload' };
  if (positionals.length === 0) {
    throw new UsageError('upload: name at least one file or folder to upload.', 'upload');
  }
  return {
    name: 'upload',
    paths: positionals,
    connection: connectionOf(values),
    json: values.json === true,
    limits: limitsOf(values),
    metadata: metadataOf(values, 'upload'),
    force: values.force === true,
  };
}

function parseResume(args: readonly string[]): CliCommand {
  const { values, positionals } = parse('resume', args, { ...connection, ...limits }, true);
  if (values.help) return { name: 'help', topic: 'resume' };
  noPositionals('resume', positionals);
  return {
    name: 'resume',
    connection: connectionOf(values),
    json: values.json === true,
    limits: limitsOf(values),
  };
}

function parseStatus(args: readonly string[]): CliCommand {
  const { values, positionals } = parse('status', args, { ...common, json: { type: 'boolean' } }, true);
  if (values.help) return { name: 'help', topic: 'status' };
  noPositionals('status', positionals);
  return { name: 'status', dataDir: values['data-dir'], json: values.json === true };
}

function parseHistory(args: readonly string[]): CliCommand {
  const { values, positionals } = parse(
    'history',
    args,
    {
      ...common,
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      search: { type: 'string' },
      limit: { type: 'string' },
    },
    true,
  );
  if (values.help) return { name: 'help', topic: 'history' };
  noPositionals('history', positionals);
  if (values.json && values.csv) throw new UsageError('history: choose one of --csv and --json.', 'history');
  return {
    name: 'history',
    dataDir: values['data-dir'],
    format: values.csv ? 'csv' : values.json ? 'json' : 'table',
    search: values.search ?? '',
    limit: values.limit === undefined ? 100 : integer('history', '--limit', values.limit, 1, 1_000_000),
  };
}

function parseProfile(args: readonly string[]): CliCommand {
  const [action, ...rest] = args;
  const topic = 'profile';
  switch (action) {
    case 'add': {
      const { values, positionals } = parse(
        'profile add',
        rest,
        {
          ...common,
          region: { type: 'string' },
          endpoint: { type: 'string' },
          'access-key-id': { type: 'string' },
          'role-arn': { type: 'string' },
          'auth-service': { type: 'string' },
          'secret-stdin': { type: 'boolean' },
          default: { type: 'boolean' },
          ...metadata,
        },
        true,
      );
      if (values.help) return { name: 'help', topic };
      const profileName = oneName('profile add', positionals);
      if (values['role-arn'] !== undefined && values['auth-service'] !== undefined) {
        throw new UsageError('profile add: --role-arn and --auth-service cannot be combined.', topic);
      }
      return {
        name: 'profile-add',
        dataDir: values['data-dir'],
        profileName,
        region: values.region ?? DEFAULT_REGION,
        endpoint: values.endpoint,
        credential: {
          accessKeyId: values['access-key-id'],
          roleArn: values['role-arn'],
          authService: values['auth-service'],
          secretStdin: values['secret-stdin'] === true,
        },
        metadata: metadataOf(values, 'profile add'),
        makeDefault: values.default === true,
      };
    }
    case 'list': {
      const { values, positionals } = parse(
        'profile list',
        rest,
        { ...common, json: { type: 'boolean' } },
        true,
      );
      if (values.help) return { name: 'help', topic };
      noPositionals('profile list', positionals);
      return { name: 'profile-list', dataDir: values['data-dir'], json: values.json === true };
    }
    case 'remove': {
      const { values, positionals } = parse('profile remove', rest, common, true);
      if (values.help) return { name: 'help', topic };
      return {
        name: 'profile-remove',
        dataDir: values['data-dir'],
        profileName: oneName('profile remove', positionals),
      };
    }
    case 'test': {
      const { values, positionals } = parse(
        'profile test',
        rest,
        { ...common, json: { type: 'boolean' } },
        true,
      );
      if (values.help) return { name: 'help', topic };
      return {
        name: 'profile-test',
        dataDir: values['data-dir'],
        profileName: oneName('profile test', positionals),
        json: values.json === true,
      };
    }
    case undefined:
    case '--help':
    case '-h':
      return { name: 'help', topic };
    default:
      throw new UsageError(`profile: unknown action "${action}". Use add, list, remove or test.`, topic);
  }
}

function connectionOf(values: {
  'data-dir'?: string | undefined;
  region?: string | undefined;
  endpoint?: string | undefined;
  profile?: string | undefined;
}): ConnectionOptions {
  const region = values.region ?? DEFAULT_REGION;
  if (region.trim() === '') throw new UsageError('--region needs a region ID, e.g. cn-shanghai.');
  if (values.profile !== undefined && values.profile.trim() === '') {
    throw new UsageError('--profile needs the name of a profile (see `vod-upload profile list`).');
  }
  return {
    dataDir: values['data-dir'],
    region,
    endpoint: values.endpoint,
    profile: values.profile,
  };
}

function limitsOf(values: {
  files?: string | undefined;
  parts?: string | undefined;
  'part-size'?: string | undefined;
  'limit-rate'?: string | undefined;
}): RunLimits {
  const out: RunLimits = {};
  if (values.files !== undefined) out.filesAtOnce = integer('', '--files', values.files, 1, 16);
  if (values.parts !== undefined) out.partsInFlight = integer('', '--parts', values.parts, 1, 64);
  if (values['part-size'] !== undefined) {
    out.partSize = size('--part-size', values['part-size'], 100 * 1024, 5 * 1024 ** 3, '100KiB to 5GiB');
  }
  if (values['limit-rate'] !== undefined) {
    out.bandwidthLimit = size(
      '--limit-rate',
      values['limit-rate'],
      0,
      Number.MAX_SAFE_INTEGER,
      '0 (no limit) or more',
    );
  }
  return out;
}

function metadataOf(values: Record<string, string | boolean | undefined>, command: string): Metadata {
  const text = (key: string, max: number): string | undefined => {
    const value = values[key];
    if (typeof value !== 'string') return undefined;
    if (value.length > max) throw new UsageError(`${command}: --${key} is longer than ${max} characters.`);
    return value;
  };
  const out: Metadata = {};
  const title = text('title', 256);
  if (title !== undefined) {
    if (title.trim() === '') throw new UsageError(`${command}: --title needs a template, e.g. "{name}".`);
    out.titleTemplate = title;
  }
  const description = text('description', 1024);
  if (description !== undefined) out.description = description;
  const tags = text('tags', 16 * 33);
  if (tags !== undefined) {
    const list = tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (list.length > 16) throw new UsageError(`${command}: --tags takes at most 16 tags.`);
    const long = list.find((t) => t.length > 32);
    if (long) throw new UsageError(`${command}: the tag "${long}" is longer than 32 characters.`);
    out.tags = list;
  }
  const cateId = text('cate-id', 32);
  if (cateId !== undefined) out.cateId = integer(command, '--cate-id', cateId, 1, Number.MAX_SAFE_INTEGER);
  const templateGroup = text('template-group', 128);
  if (templateGroup !== undefined) out.templateGroupId = templateGroup;
  const workflowId = text('workflow-id', 128);
  if (workflowId !== undefined) out.workflowId = workflowId;
  const storage = text('storage-location', 256);
  if (storage !== undefined) out.storageLocation = storage;
  const appId = text('app-id', 128);
  if (appId !== undefined) out.appId = appId;
  return out;
}

function integer(command: string, flag: string, text: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${command ? `${command}: ` : ''}${flag} must be a whole number from ${min} to ${max} (got "${text}").`,
    );
  }
  return value;
}

function size(flag: string, text: string, min: number, max: number, range: string): number {
  const value = parseSize(text);
  if (value === undefined) {
    throw new UsageError(`${flag} takes bytes or a size like 8MiB, 512KiB, 1GiB (got "${text}").`);
  }
  if (value < min || value > max) throw new UsageError(`${flag} must be ${range} (got "${text}").`);
  return value;
}

function noPositionals(command: string, positionals: readonly string[]) {
  if (positionals.length > 0) {
    throw new UsageError(`${command}: unexpected argument "${positionals[0]}".`, command.split(' ')[0]);
  }
}

function oneName(command: string, positionals: readonly string[]): string {
  const [name, extra] = positionals;
  if (name === undefined || name.trim() === '') {
    throw new UsageError(
      `${command}: name the profile, e.g. \`vod-upload ${command} my-profile\`.`,
      'profile',
    );
  }
  if (extra !== undefined) {
    throw new UsageError(`${command}: unexpected argument "${extra}" (quote a name with spaces).`, 'profile');
  }
  return name;
}
