import { describe, expect, it } from 'vitest';
import { optionsForFile, ruleForFile } from '../../../electron/core/watch/folder-rules';
import type { WatchFolderConfig } from '../../../shared/domain/watch';

const config: WatchFolderConfig = {
  id: 'w1',
  path: '/ingest',
  preset: null,
  options: { profileId: 'p1', tags: ['ingest'], cateId: 1 },
  paused: false,
  rules: [
    { subfolder: 'Sports', cateId: 10, tags: ['sport'] },
    { subfolder: 'sports/Football\\', cateId: 11, tags: [] },
    { subfolder: 'News', tags: ['news', 'daily'] },
  ],
  afterUpload: 'leave',
  addedAt: 0,
};

describe('folder rules', () => {
  it('picks the nearest sub-folder rule, case-insensitively, with either slash', () => {
    expect(ruleForFile(config, '/ingest/Sports/a.mp4')?.cateId).toBe(10);
    expect(ruleForFile(config, '/ingest/Sports/Tennis/day1/a.mp4')?.cateId).toBe(10);
    expect(ruleForFile(config, '/ingest/SPORTS/football/a.mp4')?.cateId).toBe(11);
    expect(ruleForFile(config, '/ingest/Sportsbook/a.mp4')).toBeUndefined();
    expect(ruleForFile(config, '/ingest/a.mp4')).toBeUndefined();
  });

  it("replaces the preset's category and adds the rule's tags", () => {
    expect(optionsForFile(config, '/ingest/News/a.mp4', config.options)).toEqual({
      profileId: 'p1',
      tags: ['ingest'],
      cateId: 1,
      extraTags: ['news', 'daily'],
    });
    expect(optionsForFile(config, '/ingest/Sports/Football/a.mp4', config.options)).toEqual({
      profileId: 'p1',
      tags: ['ingest'],
      cateId: 11,
    });
    expect(optionsForFile(config, '/ingest/Other/a.mp4', config.options)).toBe(config.options);
  });
});
