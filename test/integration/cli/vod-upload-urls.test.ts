import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator } from '../../emulator/index';
import { startOrigin, type RunningOrigin } from '../../helpers/http-origin';
import { runCli, summaryOf } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

/** `vod-upload upload https://…` and `--urls FILE` through the real binary, VOD pulling from a local origin. */
describe('vod-upload upload with links', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let origin: RunningOrigin;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];

  beforeAll(async () => {
    rig = await startCliRig('urls', {
      emulator: { transcodeDelay: 10 },
      env: { VOD_UPLOADER_URL_POLL_MS: '100' },
    });
    ({ emulator, root, env } = rig);
    origin = await startOrigin({
      '/a.mp4': { size: 40_000, seed: 1 },
      '/b.mov': { size: 30_000, seed: 2 },
      '/c.mp3': { size: 20_000, seed: 3 },
    });
    connection = rig.connection;
  });

  afterAll(async () => {
    await origin?.stop();
    await rig?.stop();
  });

  it('takes links as arguments and from --urls FILE, beside a local file, and says which are in VOD', async () => {
    const local = join(root, 'local.mp4');
    await writeFile(local, 'local bytes');
    const list = join(root, 'links.csv');
    await writeFile(list, `title,url\nB,${origin.base}/b.mov\n# comment\nC,${origin.base}/c.mp3\n`);
    const result = await runCli(
      [
        'upload',
        `${origin.base}/a.mp4`,
        local,
        '--urls',
        list,
        '--json',
        '--data-dir',
        join(root, 'd1'),
        ...connection,
      ],
      env,
    );
    expect(result.stderr).toContain('Queued 1 file(s), 11 B. Queued 3 link(s).');
    expect(result.code).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary.done.map((d) => d.path).sort()).toEqual(
      [`${origin.base}/a.mp4`, `${origin.base}/b.mov`, `${origin.base}/c.mp3`, local].sort(),
    );
    const ids = new Set(emulator.state().media.map((m) => m.mediaId));
    for (const d of summary.done) expect(ids.has(d.mediaId)).toBe(true);
    expect(emulator.state().calls.UploadMediaByURL).toBe(1);
  });

  it('exits 1 naming a link VOD could not fetch and a link that is not uploadable', async () => {
    const result = await runCli(
      [
        'upload',
        `${origin.base}/a.mp4`,
        `${origin.base}/missing.mp4`,
        `${origin.base}/notes.txt`,
        '--url-mode',
        'pull',
        '--json',
        '--data-dir',
        join(root, 'd2'),
        ...connection,
      ],
      env,
    );
    expect(result.code).toBe(1);
    const summary = summaryOf(result.stdout);
    expect(summary.done.map((d) => d.path)).toEqual([`${origin.base}/a.mp4`]);
    expect(summary.failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `${origin.base}/missing.mp4`,
          message: expect.stringContaining('404'),
        }),
        expect.objectContaining({
          path: `${origin.base}/notes.txt`,
          message: '.txt files are not accepted by VOD',
        }),
      ]),
    );
  });

  it('refuses a bad --url-mode and an empty --urls list as usage errors', async () => {
    const bad = await runCli(['upload', `${origin.base}/a.mp4`, '--url-mode', 'fetch', ...connection], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--url-mode');
    const empty = join(root, 'empty.txt');
    await writeFile(empty, '\n# nothing\n');
    const none = await runCli(
      ['upload', '--urls', empty, '--data-dir', join(root, 'd3'), ...connection],
      env,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('lists no links');
  });
});
