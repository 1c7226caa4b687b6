import { describe, expect, it } from 'vitest';
import { toTsv, tsvField } from '../../../renderer/lib/tsv';

describe('toTsv', () => {
  it('joins fields with tabs and rows with newlines', () => {
    expect(
      toTsv([
        ['a', 1, null],
        ['b', 2, undefined],
      ]),
    ).toBe('a\t1\t\nb\t2\t');
  });
  it('quotes fields holding tabs, newlines or quotes', () => {
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('line\nbreak')).toBe('"line\nbreak"');
    expect(tsvField('say "hi"')).toBe('"say ""hi"""');
  });
  it('neutralises spreadsheet formulas in text but keeps negative numbers', () => {
    expect(tsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(tsvField('+1')).toBe("'+1");
    expect(tsvField('@sum')).toBe("'@sum");
    expect(tsvField(-5)).toBe('-5');
  });
});
