import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../electron/cli/args';
import { UsageError } from '../../../electron/cli/cli-error';

describe('parseCli: watch', () => {
  it('reads folders, a preset, metadata and the settle time', () => {
    const cmd = parseCli([
      'watch',
      'Exports',
      'Cards',
      '--preset',
      'Rushes',
      '--tags',
      'a,b',
      '--settle',
      '2m',
    ]);
    expect(cmd).toMatchObject({
      name: 'watch',
      dirs: ['Exports', 'Cards'],
      preset: 'Rushes',
      metadata: { tags: ['a', 'b'] },
      settleMs: 120_000,
    });
  });

  it('defaults to every watched folder and a 5 s settle time', () => {
    expect(parseCli(['watch'])).toMatchObject({ name: 'watch', dirs: [], settleMs: 5000 });
  });

  it('lists with --list, which takes no folders', () => {
    expect(parseCli(['watch', '--list', '--json'])).toEqual({
      name: 'watch-list',
      dataDir: undefined,
      json: true,
    });
    expect(() => parseCli(['watch', 'x', '--list'])).toThrow(UsageError);
  });

  it('refuses a settle time too short to tell a finished file', () => {
    expect(() => parseCli(['watch', 'x', '--settle', '0.1s'])).toThrow(/at least 0.5s/);
  });
});
