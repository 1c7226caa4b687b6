import { describe, expect, it } from 'vitest';
import { uploadStateOf } from '../../../../electron/core/app/media-status';

describe('uploadStateOf (VOD video status → upload state)', () => {
  it.each(['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal'])(
    '%s: the object was uploaded, with VOD size',
    (Status) => {
      expect(uploadStateOf({ VideoId: 'v', Status, Size: 42 })).toEqual({ state: 'uploaded', size: 42 });
    },
  );

  it('Uploading: not yet', () => {
    expect(uploadStateOf({ VideoId: 'v', Status: 'Uploading', Size: 0 })).toEqual({ state: 'uploading' });
  });

  it('a size of 0 or none is no size at all', () => {
    expect(uploadStateOf({ VideoId: 'v', Status: 'Normal', Size: 0 })).toEqual({
      state: 'uploaded',
      size: undefined,
    });
  });

  it.each(['UploadFail', '', 'SomethingNew'])('%s: unknown (never settled as uploaded)', (Status) => {
    expect(uploadStateOf({ VideoId: 'v', Status }).state).toBe('unknown');
  });
});
