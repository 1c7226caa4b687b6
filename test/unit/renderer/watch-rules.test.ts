import { describe, expect, it } from 'vitest';
import { formatRules, parseRules } from '../../../renderer/lib/watch-rules';

describe('watch folder rules text', () => {
  it('reads sub-folder = category; tags, one per line, skipping blanks and comments', () => {
    const parsed = parseRules('Sports/Football = 1001; football, league\n\n# news\nNews = ; news\nDocs = 7');
    expect(parsed).toEqual({
      ok: true,
      rules: [
        { subfolder: 'Sports/Football', cateId: 1001, tags: ['football', 'league'] },
        { subfolder: 'News', tags: ['news'] },
        { subfolder: 'Docs', cateId: 7, tags: [] },
      ],
    });
    if (parsed.ok) expect(parseRules(formatRules(parsed.rules))).toEqual(parsed);
  });

  it('says which line is wrong and why', () => {
    expect(parseRules('A = 1\nB')).toMatchObject({ ok: false, line: 2 });
    expect(parseRules('A = -3')).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringMatching(/positive/),
    });
    expect(parseRules('A = ;')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/category ID, tags/),
    });
  });
});
