import { describe, expect, it } from 'vitest';
import { tempFileReason, tempFolderReason } from '../../../electron/core/watch/temp-names';

describe('temporary names', () => {
  it.each([
    'clip.mov.part',
    'clip.mp4.crdownload',
    'clip.mp4.partial',
    'Render.mov.tmp',
    'export.MP4.TMP',
    'clip.mov.filepart',
    '._clip.mov',
    '~clip.mp4',
    'clip.mov.sb-1a2b3c4d-Xy9ZqA',
  ])('%s is temporary', (name) => {
    expect(tempFileReason(name)).toBeDefined();
  });

  it.each(['clip.mov', 'A001C003_220101_R1AB.mxf', 'part.mp4', 'tmp.mov', 'my~clip.mp4', 'clip.partial.mp4'])(
    '%s is a final name',
    (name) => {
      expect(tempFileReason(name)).toBeUndefined();
    },
  );

  it('knows the editing applications’ cache folders, whatever the case', () => {
    for (const folder of [
      'Adobe Premiere Pro Video Previews',
      'CacheClip',
      'Render Files',
      'Project.fcpbundle',
      'film.download',
    ]) {
      expect(tempFolderReason(folder)).toBeDefined();
    }
    expect(tempFolderReason('Day 1')).toBeUndefined();
    expect(tempFolderReason('Renders')).toBeUndefined();
  });
});
