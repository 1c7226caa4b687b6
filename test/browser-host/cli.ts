/**
 * `npm run preview`: the emulator, the real main-process services on a temporary data dir with a profile
 * for the emulator, and the renderer served over a loopback WebSocket. Prints the URL and runs until ^C.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices, DesktopHooks } from '../../electron/core/app/app-services';
import { createDevServices } from './dev-services';
import { startRealStack, type RealStack } from './real-services';
import { startBrowserHost } from './server';

async function main(): Promise<void> {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice('--port='.length)) : 0;
  const sample = await makeSampleFolder();
  // No native dialogs in a browser: "Add files…" / "Add folder…" answer with a generated sample folder.
  const desktop: DesktopHooks = {
    openFiles: async () => [join(sample, 'A001_C001.mp4')],
    openFolder: async () => [sample],
    showInFolder: async (path) => console.log(`[preview] show in folder: ${path}`),
  };

  let services: AppServices;
  let close: () => Promise<void>;
  const stack = await startRealStack(desktop).catch((e: unknown) => {
    console.warn(
      `\n[preview] WARNING: the real services did not start: ${e instanceof Error ? e.message : String(e)}`,
    );
    console.warn(
      '[preview] WARNING: falling back to IN-MEMORY DEV SERVICES: uploads are SIMULATED, nothing reaches VOD.\n',
    );
    return null as RealStack | null;
  });
  if (stack) {
    services = stack.services;
    close = stack.close;
    console.log(
      `[preview] emulator VOD ${stack.emulator.config.vodEndpoint}, OSS ${stack.emulator.config.ossEndpoint}`,
    );
    console.log(`[preview] data dir ${stack.dataDir}`);
  } else {
    const dev = createDevServices({ desktop });
    services = dev;
    close = () => dev.shutdown();
  }
  const host = await startBrowserHost({ services, port, log: (line) => console.log(`[preview] ${line}`) });
  console.log(`\nVOD Uploader preview: ${host.url}\n(sample media for "Add folder…": ${sample})\n`);

  const stop = async () => {
    await host.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function makeSampleFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'vod-preview-media-'));
  const dir = join(root, 'Shoot day 1');
  await mkdir(join(dir, 'Card A'), { recursive: true });
  const files: Array<[string, number]> = [
    ['A001_C001.mp4', 24],
    ['A001_C002.mov', 40],
    ['Card A/A002_C001.mp4', 12],
    ['poster.jpg', 1],
    ['subtitles.srt', 0.01],
    ['.DS_Store', 0.01],
    ['notes.txt', 0.01],
  ];
  for (const [name, mib] of files)
    await writeFile(join(dir, name), Buffer.alloc(Math.round(mib * 1024 * 1024), 7));
  return dir;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
