import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/core/app/create-app-services';
import { createDispatcher } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { type RunningEmulator } from '../../emulator/index';
import { runCli, summaryOf } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';
import { noDesktop } from '../../helpers/app-harness';

/**
 * Presets live in the queue database: one saved by the app (through the contract, as the renderer does) is
 * used by `vod-upload upload --preset`, and the CLI's own preset commands read and write the same rows.
 * Checked on the parameters the emulator received.
 */
describe('vod-upload: presets shared with the app', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];
  const userData = JSON.stringify({ Extend: { show: 'Launch' } });

  beforeAll(async () => {
    rig = await startCliRig('presets');
    ({ emulator, root, env } = rig);
    dataDir = join(root, 'data');
    connection = rig.connection;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const paramsOf = (mediaId: string) => emulator.state().media.find((m) => m.mediaId === mediaId)!.params;

  async function upload(folder: string, args: string[]) {
    const dir = join(root, folder);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'A001.mp4'), `bytes of ${folder}`);
    const result = await runCli(
      ['upload', dir, '--json', '--data-dir', dataDir, ...connection, ...args],
      env,
    );
    return { result, dir };
  }

  it('uploads with a preset the app saved, and flags given on the command line win over it', async () => {
    const services = await createAppServices({
      dataDir,
      redactor: new Redactor(),
      logger: nullLogger,
      desktop: noDesktop,
      vodStatusPollMs: 0,
    });
    try {
      const saved = await createDispatcher(services.handlers)('presets:save', {
        name: 'Launch day',
        options: {
          titleTemplate: '{folder} · {name}',
          description: 'Keynote rushes',
          tags: ['launch', 'day1'],
          templateGroupId: 'VOD_NO_TRANSCODE',
          userData,
        },
      });
      expect(saved.ok).toBe(true);
    } finally {
      await services.shutdown();
    }

    const { result } = await upload('Keynote', ['--preset', 'launch DAY']);
    expect(result.code, result.stderr).toBe(0);
    const [done] = summaryOf(result.stdout).done;
    expect(paramsOf(done!.mediaId)).toMatchObject({
      Title: 'Keynote · A001',
      Description: 'Keynote rushes',
      Tags: 'launch,day1',
      TemplateGroupId: 'VOD_NO_TRANSCODE',
      // With the uploader's marker added to Extend (upload-marker.ts).
      UserData: expect.stringMatching(/^\{"Extend":\{"show":"Launch","VodUploader":"\w+"\}\}$/),
    });

    const override = await upload('Panel', [
      '--preset',
      'Launch day',
      '--tags',
      'panel',
      '--title',
      '{name}',
    ]);
    expect(override.result.code, override.result.stderr).toBe(0);
    expect(paramsOf(summaryOf(override.result.stdout).done[0]!.mediaId)).toMatchObject({
      Title: 'A001',
      Description: 'Keynote rushes',
      Tags: 'panel',
    });
  });

  it('refuses an unknown preset before queueing anything, naming the presets there are', async () => {
    const { result } = await upload('Nope', ['--preset', 'Lunch day']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no preset named "Lunch day". Presets: Launch day.');
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], env)).stdout) as {
      jobs: { path: string }[];
    };
    expect(status.jobs.some((j) => j.path.includes('Nope'))).toBe(false);
  });

  it('saves, lists, exports, removes and imports presets', async () => {
    const save = await runCli(
      ['preset', 'save', 'Stills', '--image-type', 'cover', '--tags', 'poster', '--data-dir', dataDir],
      env,
    );
    expect(save.code, save.stderr).toBe(0);
    expect(save.stdout).toContain('Saved preset "Stills": tags=poster imageType=cover');
    const bad = await runCli(['preset', 'save', 'X', '--user-data', 'not json', '--data-dir', dataDir], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--user-data must be a JSON object');

    const list = JSON.parse(
      (await runCli(['preset', 'list', '--json', '--data-dir', dataDir], env)).stdout,
    ) as {
      name: string;
    }[];
    expect(list.map((p) => p.name)).toEqual(['Launch day', 'Stills']);

    const file = join(root, 'presets.json');
    expect((await runCli(['preset', 'export', file, '--data-dir', dataDir], env)).code).toBe(0);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { format: string; presets: unknown[] };
    expect(exported.format).toBe('vod-uploader-presets');
    expect(exported.presets).toHaveLength(2);

    expect((await runCli(['preset', 'remove', 'stills', '--data-dir', dataDir], env)).code).toBe(0);
    const other = join(root, 'other-data');
    const imported = await runCli(['preset', 'import', file, '--data-dir', other], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 2 presets: Launch day, Stills.');
    const notJson = join(root, 'bad.json');
    await writeFile(notJson, '{"presets": 1}');
    const refused = await runCli(['preset', 'import', notJson, '--data-dir', other], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Not a presets file');
  });
});
