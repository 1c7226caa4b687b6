import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import type { EmulatorOptions } from '../../emulator/index';
import {
  createDevServices,
  type DevServices,
  type DevServicesOptions,
} from '../../browser-host/dev-services';
import { startRealStack, type RealStack } from '../../browser-host/real-services';
import { startBrowserHost, type BrowserHost } from '../../browser-host/server';
import { launchChromium } from './chromium';
import { QueuePage } from './queue-page';

export interface HarnessOptions {
  /** 'real': createAppServices + the emulator. 'dev': the in-memory stand-in (UI-only tests). */
  readonly services: 'real' | 'dev';
  readonly emulator?: EmulatorOptions;
  readonly dev?: DevServicesOptions;
  readonly locale?: string;
  readonly colorScheme?: 'light' | 'dark';
  readonly rendererDir?: string;
  /** Serve as `npm run preview` does: the page shows where media comes from (the scratch media folder). */
  readonly previewMedia?: 'sample' | 'own';
}

export interface Harness {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly app: QueuePage;
  readonly host: BrowserHost;
  readonly services: AppServices;
  readonly real: RealStack | null;
  readonly dev: DevServices | null;
  /** A scratch folder for media files this test creates. */
  readonly mediaDir: string;
  /** Answers for the next "Add files…" / "Add folder…" (no native dialogs in a browser). */
  dialogAnswer: string[];
  close(): Promise<void>;
}

/** Host + services (+ emulator) + Chromium, with the app loaded and its first queue list rendered. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const mediaDir = await mkdtemp(join(tmpdir(), 'vod-e2e-media-'));
  const state = { dialogAnswer: [] as string[] };
  const desktop: DesktopHooks = {
    openFiles: async () => state.dialogAnswer,
    openFolder: async () => state.dialogAnswer,
    showInFolder: async () => {},
  };
  let real: RealStack | null = null;
  let dev: DevServices | null = null;
  if (options.services === 'real') real = await startRealStack(desktop, options.emulator);
  else dev = createDevServices({ ...options.dev, desktop });
  const services = (real?.services ?? dev) as AppServices;
  const host = await startBrowserHost({
    services,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    ...(options.previewMedia ? { media: { kind: options.previewMedia, dir: mediaDir } } : {}),
  });
  const browser = await launchChromium();
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1360, height: 820 },
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(host.url);
  const app = new QueuePage(page, errors);
  await app.waitReady();

  const harness: Harness = {
    browser,
    context,
    page,
    app,
    host,
    services,
    real,
    dev,
    mediaDir,
    get dialogAnswer() {
      return state.dialogAnswer;
    },
    set dialogAnswer(paths: string[]) {
      state.dialogAnswer = paths;
    },
    async close() {
      await browser.close().catch(() => {});
      await host.close();
      if (real) await real.close();
      if (dev) await dev.shutdown();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Writes files of the given sizes (bytes) under `root`; paths may contain folders. */
export async function writeMedia(root: string, files: Readonly<Record<string, number>>): Promise<void> {
  for (const [name, size] of Object.entries(files)) {
    const path = join(root, name);
    await mkdir(dirname(path), { recursive: true });
    // Deterministic, non-constant content so CRC-64 and part checks see real data.
    const buffer = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) buffer.writeUInt32LE((i * 2654435761) >>> 0, Math.min(i, size - 4));
    await writeFile(path, buffer);
  }
}
