import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../electron/cli/args';
import { UsageError } from '../../../electron/cli/cli-error';

function usageError(argv: string[]): UsageError {
  try {
    parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCli', () => {
  it('reads an upload with every option the issue lists', () => {
    const cmd = parseCli([
      'upload',
      'a',
      'b/c',
      '--endpoint',
      'http://127.0.0.1:9',
      '--region',
      'cn-beijing',
      '--profile',
      'P',
      '--data-dir',
      '/d',
      '--title',
      '{folder} {name}',
      '--description',
      'desc',
      '--tags',
      'a, b,,c',
      '--cate-id',
      '7',
      '--template-group',
      'tg',
      '--workflow-id',
      'wf',
      '--storage-location',
      'loc',
      '--app-id',
      'app',
      '--user-data',
      '{"Extend":{"a":1}}',
      '--cover-url',
      'https://example.com/c.jpg',
      '--image-type',
      'cover',
      '--attached-as',
      'watermark',
      '--files',
      '4',
      '--parts',
      '16',
      '--part-size',
      '16MiB',
      '--limit-rate',
      '10MiB',
      '--drain-timeout',
      '1m',
      '--json',
      '--force',
    ]);
    expect(cmd).toEqual({
      name: 'upload',
      paths: ['a', 'b/c'],
      connection: { dataDir: '/d', region: 'cn-beijing', endpoint: 'http://127.0.0.1:9', profile: 'P' },
      json: true,
      limits: { filesAtOnce: 4, partsInFlight: 16, partSize: 16 * 1024 ** 2, bandwidthLimit: 10 * 1024 ** 2 },
      drainTimeoutMs: 60_000,
      metadata: {
        titleTemplate: '{folder} {name}',
        description: 'desc',
        tags: ['a', 'b', 'c'],
        cateId: 7,
        templateGroupId: 'tg',
        workflowId: 'wf',
        storageLocation: 'loc',
        appId: 'app',
        userData: '{"Extend":{"a":1}}',
        coverUrl: 'https://example.com/c.jpg',
        imageType: 'cover',
        attachedAs: 'watermark',
      },
      force: true,
      enqueueOnly: false,
      pathMap: [],
    });
  });

  it('reads the team queue options: upload --queue --enqueue-only, worker with path maps and a lease', () => {
    expect(parseCli(['upload', 'a', '--queue', 'postgres://u@h/db', '--enqueue-only'])).toMatchObject({
      name: 'upload',
      queue: 'postgres://u@h/db',
      enqueueOnly: true,
    });
    expect(() => parseCli(['upload', 'a', '--enqueue-only'])).toThrow(/--enqueue-only .* --queue/);
    expect(
      parseCli([
        'worker',
        '--queue',
        'postgres://u@h/db',
        '--path-map',
        '/Volumes/NAS=/mnt/nas',
        '--path-map',
        '/Volumes/B=/mnt/b',
        '--lease',
        '10s',
        '--name',
        'render-01',
      ]),
    ).toMatchObject({
      name: 'worker',
      queue: 'postgres://u@h/db',
      pathMap: ['/Volumes/NAS=/mnt/nas', '/Volumes/B=/mnt/b'],
      leaseMs: 10_000,
      workerName: 'render-01',
    });
    expect(parseCli(['status', '--queue', 'postgres://u@h/db'])).toMatchObject({
      queue: 'postgres://u@h/db',
    });
    expect(() => parseCli(['worker', '--lease', '0.5s'])).toThrow(/--lease must be at least 1s/);
  });

  it('refuses metadata VOD would refuse, naming the flag', () => {
    expect(() => parseCli(['upload', 'a', '--user-data', '[1]'])).toThrow(
      /--user-data must be a JSON object/,
    );
    expect(() => parseCli(['upload', 'a', '--cover-url', 'cover.jpg'])).toThrow(/--cover-url needs a URL/);
    expect(() => parseCli(['upload', 'a', '--image-type', 'poster'])).toThrow(/--image-type/);
    expect(() => parseCli(['upload', 'a', '--attached-as', 'subtitle'])).toThrow(/--attached-as/);
  });

  it('defaults the region to cn-shanghai and leaves limits and metadata empty', () => {
    expect(parseCli(['upload', 'x'])).toMatchObject({
      connection: { region: 'cn-shanghai', endpoint: undefined, profile: undefined, dataDir: undefined },
      limits: {},
      metadata: {},
      json: false,
      force: false,
    });
  });

  it('gives resume the connection, output and limit options but no metadata', () => {
    expect(parseCli(['resume', '--json', '--files', '2', '--data-dir', '/d'])).toMatchObject({
      name: 'resume',
      json: true,
      limits: { filesAtOnce: 2 },
    });
    expect(usageError(['resume', '--title', 'x']).message).toContain("Unknown option '--title'");
  });

  it('reads the queue commands: retry, cancel, remove, clear, wait, and history by folder', () => {
    expect(parseCli(['retry'])).toMatchObject({ name: 'retry', targets: [], json: false });
    expect(parseCli(['cancel', 'a.mp4', 'job-2'])).toMatchObject({
      name: 'cancel',
      targets: ['a.mp4', 'job-2'],
      deleteRemote: true,
    });
    expect(parseCli(['cancel', 'a.mp4', '--keep-remote'])).toMatchObject({ deleteRemote: false });
    expect(parseCli(['cancel', 'a.mp4', '--delete-remote'])).toMatchObject({ deleteRemote: true });
    expect(parseCli(['remove', 'a.mp4', '--data-dir', '/d'])).toMatchObject({
      name: 'remove',
      targets: ['a.mp4'],
      connection: { dataDir: '/d' },
    });
    expect(parseCli(['clear', '--failed'])).toEqual({
      name: 'clear',
      dataDir: undefined,
      finished: false,
      failed: true,
    });
    expect(parseCli(['wait', 'M1', '--timeout', '90s'])).toMatchObject({
      name: 'wait',
      targets: ['M1'],
      timeoutMs: 90_000,
    });
    expect(parseCli(['wait'])).toMatchObject({ timeoutMs: 30 * 60_000 });
    expect(parseCli(['history', '--folder', 'Day1'])).toMatchObject({ name: 'history', folder: 'Day1' });
    expect(parseCli(['history', '--tag', 'day1'])).toMatchObject({ name: 'history', tag: 'day1' });
  });

  it('reads status, history and profile commands', () => {
    expect(parseCli(['status', '--json'])).toEqual({ name: 'status', dataDir: undefined, json: true });
    expect(parseCli(['history', '--csv'])).toMatchObject({ name: 'history', format: 'csv', limit: 100 });
    expect(parseCli(['history', '--json', '--search', 'A00'])).toMatchObject({
      format: 'json',
      search: 'A00',
    });
    expect(
      parseCli(['profile', 'add', 'Prod', '--role-arn', 'acs:ram::1:role/x', '--default']),
    ).toMatchObject({
      name: 'profile-add',
      profileName: 'Prod',
      region: 'cn-shanghai',
      makeDefault: true,
      credential: { roleArn: 'acs:ram::1:role/x', secretStdin: false },
    });
    expect(parseCli(['profile', 'list', '--json'])).toMatchObject({ name: 'profile-list', json: true });
    expect(parseCli(['profile', 'remove', 'Prod'])).toMatchObject({
      name: 'profile-remove',
      profileName: 'Prod',
    });
    expect(parseCli(['profile', 'test', 'Prod'])).toMatchObject({
      name: 'profile-test',
      profileName: 'Prod',
    });
  });

  it('answers help for no command, --help and help <topic>', () => {
    const text = (argv: string[]) => {
      const cmd = parseCli(argv);
      if (cmd.name !== 'help') throw new Error(`not help: ${cmd.name}`);
      return cmd.text;
    };
    expect(text([])).toContain('Usage: vod-upload <command> [options]');
    for (const command of ['upload', 'retry', 'cancel', 'remove', 'clear', 'wait', 'history']) {
      expect(text([])).toContain(command);
    }
    expect(text(['--help'])).toContain('Exit status: 0 every file in VOD');
    expect(text(['upload', '--help'])).toContain('Usage: vod-upload upload [options] [path...]');
    expect(text(['upload', '--help'])).toContain('--force');
    expect(text(['help', 'history'])).toContain('--folder <text>');
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['--json', 'upload'], 'Put the command first'],
    [['upload'], 'name at least one file, folder or link'],
    [['upload', 'x', '--nope'], "Unknown option '--nope'"],
    [['upload', 'x', '--files', '0'], '--files must be a whole number from 1 to 128 (got "0")'],
    [['upload', 'x', '--parts', 'many'], '--parts must be a whole number from 1 to 128'],
    [['upload', 'x', '--part-size', '64KiB'], '--part-size must be 100KiB to 5GiB'],
    [['upload', 'x', '--part-size', 'big'], '--part-size takes bytes or a size like 8MiB'],
    [['upload', 'x', '--limit-rate=-5'], '--limit-rate takes bytes'],
    [['watch', '--drain-timeout', 'soon'], '--drain-timeout takes a duration'],
    [['upload', 'x', '--cate-id', '1.5'], '--cate-id must be a whole number'],
    [['upload', 'x', '--tags', 'a'.repeat(33)], 'longer than 32 characters'],
    [['upload', 'x', '--json=yes'], "Unknown option '--json=yes'"],
    [['status', 'extra'], "Too many arguments for 'status'"],
    [['history', '--csv', '--json'], "cannot be used with option '--json'"],
    [['clear'], 'say what to clear: --finished, --failed, or both'],
    [['wait', '--timeout', 'soon'], '--timeout takes a duration like 90s, 10m or 2h'],
    [['cancel'], "Missing required argument 'job'"],
    [['profile', 'add'], 'name the profile'],
    [
      ['profile', 'add', 'a', '--role-arn', 'r', '--auth-service', 'https://x'],
      "cannot be used with option '--auth-service",
    ],
    [['profile', 'rename', 'a'], 'unknown action "rename"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(usageError(argv).message).toContain(message);
    expect(usageError(argv).exitCode).toBe(2);
  });
});
