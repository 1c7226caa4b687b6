/**
 * `npm run preview [-- --media DIR] [--port N]`: the emulator, the real main-process services on a
 * temporary data dir with a profile for the emulator, and the renderer served over a loopback WebSocket.
 * Prints the URL and runs until ^C. Without --media, "Add files…" / "Add folder…" answer with generated
 * sample media (and the page says so); with it, with the user's own folder.
 */
import { mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppServices, DesktopHooks } from '../../electron/core/app/app-services';
import type { PreviewMedia } from '../../shared/ipc/bridge';
import type { RealStack } from './real-services';

/** Thrown for bad arguments: printed as one line, exit code 2. */
class UsageError extends Error {}

async function parseOptions(): Promise<{ port: number; mediaDir: string | null }> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string', default: '0' }, media: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)} (usage: --media DIR --port N)`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  if (values.media === undefined) return { port, mediaDir: null };
  const mediaDir = resolve(values.media);
  const info = await stat(mediaDir).catch(() => null);
  if (!info) throw new UsageError(`--media: no such folder: ${mediaDir}`);
  if (!info.isDirectory()) throw new UsageError(`--media must be a folder, not a file: ${mediaDir}`);
  return { port, mediaDir };
}

/** The files directly in `dir` (not hidden): what "Add files…" picks when there is no file dialog. */
async function topLevelFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(dir, e.name));
}

async function main(): Promise<void> {
  const { port, mediaDir } = await parseOptions();
  // Loaded after the arguments are checked: a mistyped option is answered at once, not after seconds.
  const { createDevServices } = await import('./dev-services');
  const { startRealStack } = await import('./real-services');
  const { startBrowserHost } = await import('./server');
  const media: PreviewMedia = mediaDir
    ? { kind: 'own', dir: mediaDir }
    : { kind: 'sample', dir: await makeSampleFolder() };
  // No native dialogs in a browser: "Add files…" / "Add folder…" answer with the media folder.
  const desktop: DesktopHooks = {
    openFiles: async () =>
      media.kind === 'own' ? topLevelFiles(media.dir) : [join(media.dir, 'A001_C001.mp4')],
    openFolder: async () => [media.dir],
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
  const host = await startBrowserHost({
    services,
    port,
    media,
    log: (line) => console.log(`[preview] ${line}`),
  });
  const source = media.kind === 'own' ? 'your media' : 'sample media (use --media DIR for your own)';
  console.log(`\nVOD Uploader preview: ${host.url}\n(${source} for "Add folder…": ${media.dir})\n`);

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
  if (e instanceof UsageError) {
    console.error(`preview: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
