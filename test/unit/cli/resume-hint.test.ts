import { describe, expect, it } from 'vitest';
import { resumeHint } from '../../../electron/cli/commands/run-options';

describe('resumeHint', () => {
  it('repeats only the options that find the same queue and credentials, quoted for a shell', () => {
    expect(
      resumeHint(
        { dataDir: undefined, region: 'cn-shanghai', endpoint: undefined, profile: undefined },
        false,
      ),
    ).toBe('vod-upload resume');
    expect(
      resumeHint(
        {
          dataDir: "/home/ed/.config/VOD Uploader/ed's",
          region: 'cn-beijing',
          endpoint: 'http://127.0.0.1:9000',
          profile: 'Studio A',
        },
        true,
      ),
    ).toBe(
      "vod-upload resume --data-dir '/home/ed/.config/VOD Uploader/ed'\\''s' --profile 'Studio A' " +
        '--region cn-beijing --endpoint http://127.0.0.1:9000 --json',
    );
  });
});
