import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../electron/cli/sizes';

describe('parseSize', () => {
  it.each([
    ['8388608', 8_388_608],
    ['0', 0],
    ['512KiB', 512 * 1024],
    ['8MiB', 8 * 1024 ** 2],
    ['8 MiB', 8 * 1024 ** 2],
    ['8mib', 8 * 1024 ** 2],
    ['8MB', 8 * 1024 ** 2],
    ['8M', 8 * 1024 ** 2],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['100k', 100 * 1024],
    ['42B', 42],
  ])('%s → %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'MiB', '-1', '8 parsecs', '1.5', '0.1KiB', '8TiB', '1e6', '9007199254740993'])(
    'refuses %j',
    (text) => {
      expect(parseSize(text)).toBeUndefined();
    },
  );
});

describe('formatSize', () => {
  it('keeps bytes under 1 KiB and scales the rest', () => {
    expect(formatSize(1000)).toBe('1000 B');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(300 * 1024 ** 2)).toBe('300 MiB');
    expect(formatSize(2.25 * 1024 ** 3)).toBe('2.3 GiB');
  });
});
