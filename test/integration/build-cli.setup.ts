import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The CLI tests start the real `vod-upload` (bin/vod-upload.mjs), which runs the bundle in out/cli: build it
 * from the sources under test first, so a test never runs a stale bundle.
 */
export function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, ['build/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
}
