import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPackage } from '@electron/asar';

/**
 * An unpacked "Electron distribution" with the layout electron-builder copies for Linux (the `electron`
 * executable, resources/, locales/, LICENSE, version) but no Electron in it: the executable is a shell script
 * that says so and fails. It has no fuse wire, so packaging leaves it unfused and marks the package as not
 * runnable. What it lets CI prove is everything electron-builder puts around the binary.
 */
export async function writeStubElectronDist(dir: string, electronVersion: string): Promise<string> {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    '#!/bin/sh\necho "stub Electron distribution: there is no Electron here" >&2\nexit 1\n',
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stub Electron distribution for offline packaging tests.\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  // What a real distribution copied from node_modules/electron/dist carries; packaging must drop it.
  const defaultApp = mkdtempSync(join(tmpdir(), 'vod-default-app-'));
  writeFileSync(join(defaultApp, 'package.json'), '{"name":"electron","main":"main.js"}\n');
  writeFileSync(join(defaultApp, 'main.js'), '');
  await createPackage(defaultApp, join(dir, 'resources', 'default_app.asar'));
  return dir;
}
