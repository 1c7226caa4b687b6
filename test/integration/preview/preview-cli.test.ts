import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** `npm run preview -- --media DIR` refuses a folder it cannot use in one line, before starting anything. */
describe('npm run preview arguments', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vod-preview-args-'));
    await writeFile(join(scratch, 'clip.mp4'), 'x');
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  async function preview(args: string[]): Promise<{ code: number; stderr: string }> {
    try {
      await run('npm', ['run', '--silent', 'preview', '--', ...args], { timeout: 60_000 });
      return { code: 0, stderr: '' };
    } catch (e) {
      const failure = e as { code?: number; stderr?: string };
      return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
    }
  }

  it('names a missing media folder', async () => {
    const missing = join(scratch, 'no such folder');
    const result = await preview(['--media', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`preview: --media: no such folder: ${missing}`);
  });

  it('refuses a file given as the media folder', async () => {
    const result = await preview(['--media', join(scratch, 'clip.mp4')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--media must be a folder, not a file');
  });

  it('refuses an unknown option with the usage', async () => {
    const result = await preview(['--medai', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: --media DIR --port N');
  });
});
