import { describe, expect, it } from 'vitest';
import { pathsFromArgv } from '../../../electron/main/desktop/open-paths';

describe('pathsFromArgv', () => {
  it('a packaged launch: everything after the executable that is not a switch or a URL', () => {
    expect(
      pathsFromArgv(
        ['/opt/VOD Uploader/vod-uploader', '--no-sandbox', 'clips/a.mp4', 'https://x.example/', '/m/b.mov'],
        '/home/editor',
        false,
      ),
    ).toEqual(['/home/editor/clips/a.mp4', '/m/b.mov']);
  });

  it('a development launch skips the app folder, even after switches (as Playwright passes them)', () => {
    expect(pathsFromArgv(['electron', '.'], '/repo', true)).toEqual([]);
    expect(
      pathsFromArgv(
        ['electron', '--inspect=0', '--remote-debugging-port=0', '/repo', 'x.mp4'],
        '/repo',
        true,
      ),
    ).toEqual(['/repo/x.mp4']);
  });
});
