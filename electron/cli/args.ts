import { Command, CommanderError, Option } from 'commander';
import { durationMs, integer, metadataOf } from './arg-values';
import { UsageError } from './cli-error';
import { DEFAULT_REGION, type CliCommand } from './cli-command';
import { EXIT_STATUS_HELP, HELP_AFTER } from './usage';
import { addWatchCommand } from './watch-args';
import { addWorkerCommand, pathMapOf, withPathMap, withQueue } from './team-args';

export type { CliCommand, ConnectionOptions, ProfileCredentialFlags } from './cli-command';
export { DEFAULT_REGION } from './cli-command';
export type { Metadata } from './arg-values';

import {
  addMetadata,
  kebab,
  presetName,
  run,
  str,
  withConnection,
  withDataDir,
  withRun,
  connection,
  type Values,
} from './arg-options';

/**
 * Turns argv (without node and the script) into a command, with commander: unknown commands or options,
 * missing arguments and bad values throw UsageError with a message that names the flag and says what it
 * accepts (exit 2); `--help`, `help [command]` and no command at all return the help text.
 */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first] = argv;
  if (first !== undefined && first.startsWith('-') && first !== '--help' && first !== '-h') {
    throw new UsageError(`Put the command first (${COMMANDS.join(', ')}), then its options.`);
  }
  let result: CliCommand | undefined;
  const help: string[] = [];
  const program = buildProgram((cmd) => (result = cmd), help);
  try {
    if (argv.length === 0) program.outputHelp();
    else program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help') {
      return { name: 'help', text: help.join('') };
    }
    throw new UsageError(usageMessage(e, argv));
  }
  return result ?? { name: 'help', text: help.join('') };
}

const COMMANDS = [
  'upload',
  'resume',
  'retry',
  'cancel',
  'remove',
  'clear',
  'wait',
  'doctor',
  'watch',
  'worker',
  'status',
  'history',
  'profile',
  'preset',
];

function buildProgram(done: (cmd: CliCommand) => void, help: string[]): Command {
  const program = new Command('vod-upload')
    .description('Upload files and folders to ApsaraVideo VOD, and manage the upload queue.')
    .usage('<command> [options]')
    .addHelpText('after', `\n${EXIT_STATUS_HELP}\nRun \`vod-upload help <command>\` for its options.`)
    .helpCommand('help [command]', 'show help for a command');
  const configure = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => help.push(s),
        writeErr: (s) => help.push(s),
        outputError: () => {},
      })
      .showSuggestionAfterError(true)
      .allowExcessArguments(false)
      .configureHelp({ sortOptions: false, helpWidth: 100 });
  configure(program);
  const sub = (name: string, description: string) =>
    configure(program.command(name).description(description)).addHelpText('after', HELP_AFTER[name] ?? '');

  withPathMap(
    withQueue(
      withRun(
        sub('upload', 'make sure files and folders are in VOD: upload them, finish their earlier jobs'),
      ),
      'queue (and work)',
    ),
  )
    .option('--enqueue-only', 'with --queue: only queue the files; the workers upload them')
    .argument('[path...]', 'files, folders and http(s) links')
    .option('--urls <file>', 'links to upload from a .txt or .csv list, one per line')
    .option('--url-mode <mode>', 'pull (VOD fetches the links) or relay; default: pull for public links')
    .option('--force', 'upload even files already uploaded to this destination')
    .option('--preset <name>', 'batch options (and profile) from a preset; the flags given here win')
    .action((paths: string[], v: Values) =>
      done({
        name: 'upload',
        paths: uploadSources(paths, str(v, 'urls')),
        urlsFile: str(v, 'urls'),
        urlMode: urlModeOf(str(v, 'urlMode')),
        ...run(v),
        metadata: metadataOf(kebab(v), 'upload'),
        preset: presetName('upload --preset', str(v, 'preset')),
        force: v['force'] === true,
        queue: str(v, 'queue'),
        enqueueOnly: enqueueOnly(v),
        pathMap: pathMapOf(v),
      }),
    );
  addMetadata(program.commands.at(-1)!);

  withRun(sub('resume', 'continue every unfinished job in the data dir')).action((v: Values) =>
    done({ name: 'resume', ...run(v) }),
  );
  withQueue(withRun(sub('retry', 'retry failed jobs (all, or those named) and upload them')), 'queue again')
    .argument('[job...]', 'file paths or job ids (default: every failed job)')
    .action((targets: string[], v: Values) =>
      done({ name: 'retry', targets, ...run(v), queue: str(v, 'queue') }),
    );

  const cancelHelp =
    'stop jobs for good: abort their upload, delete their unfinished media in VOD, keep them as canceled';
  withQueue(withConnection(sub('cancel', cancelHelp)), 'cancel')
    .argument('<job...>', 'file paths or job ids')
    .option('--keep-remote', 'keep the unfinished media in VOD (by default it is deleted)')
    .option('--delete-remote', 'delete the unfinished media in VOD (the default; kept for older scripts)')
    .action((targets: string[], v: Values) => {
      const deleteRemote = v['keepRemote'] !== true;
      done({ name: 'cancel', targets, connection: connection(v), deleteRemote, queue: str(v, 'queue') });
    });
  const removeHelp =
    'remove jobs from the queue (an unfinished one is canceled first and its media deleted in VOD)';
  withQueue(withConnection(sub('remove', removeHelp)), 'remove')
    .argument('<job...>', 'file paths or job ids')
    .action((targets: string[], v: Values) =>
      done({ name: 'remove', targets, connection: connection(v), queue: str(v, 'queue') }),
    );
  withDataDir(sub('clear', 'remove finished (done, canceled) or failed jobs from the queue'))
    .option('--finished', 'done and canceled jobs (history keeps the done ones)')
    .option('--failed', 'failed jobs and jobs whose file is missing')
    .action((v: Values) => {
      if (v['finished'] !== true && v['failed'] !== true) {
        throw new UsageError('clear: say what to clear: --finished, --failed, or both.');
      }
      done({
        name: 'clear',
        dataDir: str(v, 'dataDir'),
        finished: v['finished'] === true,
        failed: v['failed'] === true,
      });
    });
  withConnection(sub('wait', 'wait until VOD has processed uploads (status Normal) or failed them'))
    .argument('[media...]', 'media ids or file paths (default: every upload still processing)')
    .option('--timeout <duration>', 'give up after this long: 90s, 10m, 2h', '30m')
    .option('--json', 'one JSON line with every media and its status')
    .action((targets: string[], v: Values) =>
      done({
        name: 'wait',
        targets,
        connection: connection(v),
        timeoutMs: durationMs('wait', '--timeout', str(v, 'timeout') ?? '30m'),
        json: v['json'] === true,
      }),
    );

  withConnection(
    sub('doctor', 'find (and with --fix remove) what uploads left in VOD: media in Uploading, open uploads'),
  )
    .option('--fix', 'remove what this uploader left (media in Uploading, open uploads, owed deletes)')
    .option('--include-others', 'with --fix, also remove media in Uploading not made from this data dir')
    .option('--json', 'the report as JSON')
    .action((v: Values) =>
      done({
        name: 'doctor',
        connection: connection(v),
        fix: v['fix'] === true,
        includeOthers: v['includeOthers'] === true,
        json: v['json'] === true,
      }),
    );

  withQueue(withDataDir(sub('status', 'list the queue (read-only: works while an upload runs)')), 'list')
    .option('--json', 'the queue as JSON ({jobs, totals})')
    .action((v: Values) =>
      done({ name: 'status', dataDir: str(v, 'dataDir'), json: v['json'] === true, queue: str(v, 'queue') }),
    );
  withQueue(
    withDataDir(sub('history', 'finished uploads with media ids and VOD status, newest first')),
    'list',
  )
    .addOption(new Option('--csv', 'every match in the app’s CSV').conflicts('json'))
    .option('--json', 'every match as JSON')
    .option('--search <text>', 'name, title, media id or a tag contains TEXT', '')
    .option('--folder <text>', 'uploaded from a folder whose path contains TEXT')
    .option('--tag <tag>', 'uploaded with the tag TAG (whole tag, any case)')
    .option('--limit <n>', 'rows in the table', '100')
    .action((v: Values) =>
      done({
        name: 'history',
        dataDir: str(v, 'dataDir'),
        queue: str(v, 'queue'),
        format: v['csv'] === true ? 'csv' : v['json'] === true ? 'json' : 'table',
        search: str(v, 'search') ?? '',
        folder: str(v, 'folder'),
        tag: str(v, 'tag'),
        limit: integer('history', '--limit', str(v, 'limit') ?? '100', 1, 1_000_000),
      }),
    );
  addWatchCommand(sub('watch', 'watch folders: upload what lands in them, until stopped'), done);
  addWorkerCommand(
    sub('worker', 'take jobs from the team queue (PostgreSQL) and upload them, until stopped'),
    done,
  );
  addProfileCommands(sub('profile', 'add, list, remove or test upload profiles'), done, configure);
  addPresetCommands(
    sub('preset', 'list, save, remove, export or import batch presets (shared with the app)'),
    done,
    configure,
  );
  return program;
}

function addProfileCommands(
  profile: Command,
  done: (cmd: CliCommand) => void,
  configure: (cmd: Command) => Command,
): void {
  const action = (name: string, description: string) =>
    withDataDir(configure(profile.command(name).description(description)));
  addMetadata(
    action('add', 'save a profile (the secret from stdin or the variables, never an argument)')
      .argument('<name>', 'profile name')
      .option('--region <id>', 'VOD region', DEFAULT_REGION)
      .option('--endpoint <url>', 'VOD OpenAPI endpoint')
      .option('--access-key-id <id>', 'AccessKey ID (else ALIBABA_CLOUD_ACCESS_KEY_ID)')
      .option('--secret-stdin', 'read the secret (or bearer token) from stdin')
      .addOption(new Option('--role-arn <arn>', 'assume this RAM role (STS)').conflicts('authService'))
      .option('--auth-service <url>', 'your authorization service')
      .option('--default', 'make it the default profile'),
  ).action((name: string, v: Values) =>
    done({
      name: 'profile-add',
      dataDir: str(v, 'dataDir'),
      profileName: profileName('profile add', name),
      region: str(v, 'region') ?? DEFAULT_REGION,
      endpoint: str(v, 'endpoint'),
      credential: {
        accessKeyId: str(v, 'accessKeyId'),
        roleArn: str(v, 'roleArn'),
        authService: str(v, 'authService'),
        secretStdin: v['secretStdin'] === true,
      },
      metadata: metadataOf(kebab(v), 'profile add'),
      makeDefault: v['default'] === true,
    }),
  );
  action('list', 'list profiles')
    .option('--json', 'as JSON')
    .action((v: Values) =>
      done({ name: 'profile-list', dataDir: str(v, 'dataDir'), json: v['json'] === true }),
    );
  action('remove', 'delete a profile')
    .argument('<name>', 'profile name')
    .action((name: string, v: Values) =>
      done({
        name: 'profile-remove',
        dataDir: str(v, 'dataDir'),
        profileName: profileName('profile remove', name),
      }),
    );
  action('test', 'test a profile: exit 0 when the key, region and upload permission work')
    .argument('<name>', 'profile name')
    .option('--json', 'the verdict as JSON')
    .action((name: string, v: Values) =>
      done({
        name: 'profile-test',
        dataDir: str(v, 'dataDir'),
        profileName: profileName('profile test', name),
        json: v['json'] === true,
      }),
    );
}

function addPresetCommands(
  preset: Command,
  done: (cmd: CliCommand) => void,
  configure: (cmd: Command) => Command,
): void {
  const action = (name: string, description: string) =>
    withDataDir(configure(preset.command(name).description(description)));
  action('list', 'list presets and what each sets')
    .option('--json', 'as JSON')
    .action((v: Values) =>
      done({ name: 'preset-list', dataDir: str(v, 'dataDir'), json: v['json'] === true }),
    );
  addMetadata(
    action('save', 'save (or replace) a preset from the metadata options')
      .argument('<name>', 'preset name')
      .option('--profile <name>', 'the profile its uploads use (else the default)'),
  ).action((name: string, v: Values) =>
    done({
      name: 'preset-save',
      dataDir: str(v, 'dataDir'),
      presetName: presetName('preset save', name)!,
      profile: str(v, 'profile'),
      metadata: metadataOf(kebab(v), 'preset save'),
    }),
  );
  action('remove', 'delete a preset')
    .argument('<name>', 'preset name')
    .action((name: string, v: Values) =>
      done({
        name: 'preset-remove',
        dataDir: str(v, 'dataDir'),
        presetName: presetName('preset remove', name)!,
      }),
    );
  action('export', 'write every preset as JSON (to FILE, else to stdout)')
    .argument('[file]', 'file to write')
    .action((file: string | undefined, v: Values) =>
      done({ name: 'preset-export', dataDir: str(v, 'dataDir'), file }),
    );
  action('import', 'add the presets of an exported JSON file (same name: replaced)')
    .argument('<file>', 'file to read')
    .action((file: string, v: Values) => done({ name: 'preset-import', dataDir: str(v, 'dataDir'), file }));
}

function profileName(command: string, name: string): string {
  if (name.trim() === '') {
    throw new UsageError(`${command}: name the profile, e.g. \`vod-upload ${command} my-profile\`.`);
  }
  return name;
}

/** Commander's message, as ours: the command it was for, and no "error:" prefix. */
function usageMessage(e: CommanderError, argv: readonly string[]): string {
  const text = e.message.replace(/^error: /, '');
  const command =
    (argv[0] === 'profile' || argv[0] === 'preset') && argv[1] ? `${argv[0]} ${argv[1]}` : argv[0];
  if (e.code === 'commander.unknownCommand') {
    if (argv[0] === 'profile') return `profile: unknown action "${argv[1]}". Use add, list, remove or test.`;
    if (argv[0] === 'preset') {
      return `preset: unknown action "${argv[1]}". Use list, save, remove, export or import.`;
    }
    return `Unknown command "${argv[0]}". Commands: ${COMMANDS.join(', ')}.`;
  }
  if (e.code === 'commander.missingArgument' && command === 'upload') {
    return 'upload: name at least one file or folder to upload.';
  }
  if (e.code === 'commander.missingArgument' && command?.startsWith('profile ')) {
    return `${command}: name the profile, e.g. \`vod-upload ${command} my-profile\`.`;
  }
  if (e.code === 'commander.missingArgument' && command?.startsWith('preset ')) {
    return `${command}: name the ${command === 'preset import' ? 'file' : 'preset'}, e.g. \`vod-upload ${command} ${command === 'preset import' ? 'presets.json' : 'rushes'}\`.`;
  }
  return `${command}: ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function uploadSources(paths: string[], urlsFile: string | undefined): string[] {
  if (paths.length === 0 && urlsFile === undefined) {
    throw new UsageError('upload: name at least one file, folder or link (or --urls FILE).');
  }
  return paths;
}

function enqueueOnly(v: Values): boolean {
  if (v['enqueueOnly'] === true && str(v, 'queue') === undefined) {
    throw new UsageError('upload: --enqueue-only queues on the team queue: give --queue postgres://… too.');
  }
  return v['enqueueOnly'] === true;
}

function urlModeOf(mode: string | undefined): 'pull' | 'relay' | undefined {
  if (mode === undefined || mode === 'pull' || mode === 'relay') return mode;
  throw new UsageError(`--url-mode: "${mode}" is not a mode; use pull (VOD fetches) or relay.`);
}
