import { describe, expect, it } from 'vitest';
import { renderTitle, unknownPlaceholders } from '../../../shared/logic/title-template';

const ctx = {
  fileName: 'A001_C002.mov',
  relativeDir: 'Rushes/Day1',
  addedAt: new Date(2026, 10, 21, 9, 5).getTime(),
  mtimeMs: new Date(2026, 10, 20, 23, 59).getTime(),
  index: 7,
};

describe('title template', () => {
  it.each([
    ['{name}', 'A001_C002'],
    ['{filename}', 'A001_C002.mov'],
    ['{ext}', 'mov'],
    ['{folder} - {name}', 'Day1 - A001_C002'],
    ['{path}/{name}', 'Rushes/Day1/A001_C002'],
    ['{name} {date} {time}', 'A001_C002 2026-11-21 09-05'],
    ['shot {mdate} #{index}', 'shot 2026-11-20 #7'],
    ['{name} {unknown}', 'A001_C002 {unknown}'],
  ])('%s → %s', (template, expected) => {
    expect(renderTitle(template, ctx)).toBe(expected);
  });

  it('gives an empty folder for a file dropped on its own', () => {
    expect(renderTitle('{folder}|{name}', { ...ctx, relativeDir: '' })).toBe('|A001_C002');
  });

  it('removes emoji and control characters VOD rejects, and collapses spaces', () => {
    expect(renderTitle('🎬 {name}\t\n✨ final', ctx)).toBe('A001_C002 final');
  });

  it('cuts to 128 characters without splitting a character', () => {
    const long = renderTitle('{name}', { ...ctx, fileName: `${'镜'.repeat(100)}${'𠀀'.repeat(50)}.mov` });
    expect([...long]).toHaveLength(128);
    expect(long.endsWith('𠀀')).toBe(true);
  });

  it('falls back to the file name when the template leaves nothing', () => {
    expect(renderTitle('🎬', ctx)).toBe('A001_C002.mov');
  });

  it('lists unknown placeholders', () => {
    expect(unknownPlaceholders('{name} {nmae} {date} {x}')).toEqual(['nmae', 'x']);
  });
});
