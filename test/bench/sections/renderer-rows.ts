import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createAppServices } from '../../../electron/core/app/create-app-services';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { startBrowserHost } from '../../browser-host/server';
import { launchChromium } from '../../e2e/helpers/chromium';
import { round } from '../lib/units';

/**
 * The renderer with a big queue, in real Chromium (Debian's, through playwright-core, as test/e2e drives it):
 * the real services open a data dir that already holds `jobs` queued jobs (the archive section's), the browser
 * host serves the production renderer build, and the page measures its own frames while it scrolls the grid
 * from top to bottom and filters it (status filter, then a name typed key by key). A frame is the time between
 * two requestAnimationFrame callbacks; long tasks come from PerformanceObserver('longtask'). The engine is not
 * started (no snapshots arrive meanwhile): this is the grid's own cost.
 */
export interface FrameStats {
  readonly frames: number;
  readonly maxFrameMs: number;
  readonly p95FrameMs: number;
  readonly longTasks: number;
  readonly maxLongTaskMs: number;
  /** The five longest frames: length, the step running (`window.__frames.phase`) and the frame's number. */
  readonly slowest: readonly { ms: number; phase: string; frame: number }[];
}

export interface RendererRowsResult {
  readonly jobs: number;
  /** Page load to the first row's name on screen (the list's first page). */
  readonly firstRowMs: number;
  /** Page load to the grid's aria-rowcount showing every row (the list crosses the WebSocket as JSON). */
  readonly mountMs: number;
  readonly mountMaxLongTaskMs: number;
  readonly scroll: FrameStats;
  readonly filter: FrameStats;
}

declare global {
  interface Window {
    __frames?: { deltas: number[]; phases: string[]; phase: string; longTasks: number[]; recording: boolean };
  }
}

const INIT = `(() => {
  const state = { deltas: [], phases: [], phase: '', longTasks: [], mountLongTasks: [], recording: false };
  window.__frames = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) (state.recording ? state.longTasks : state.mountLongTasks).push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  let last = 0;
  const tick = (t) => {
    if (state.recording && last > 0) {
      state.deltas.push(t - last);
      state.phases.push(state.phase);
    }
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Names the step the next frames belong to, so the slowest frames say where they happened. */
async function setPhase(page: Page, phase: string): Promise<void> {
  await page.evaluate((p) => {
    window.__frames!.phase = p;
  }, phase);
}

async function record(page: Page, body: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(() => {
    const f = window.__frames!;
    f.deltas = [];
    f.phases = [];
    f.longTasks = [];
    f.recording = true;
  });
  await body();
  // Two more frames, so the last change is drawn and counted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { deltas, phases, longTasks } = await page.evaluate(() => {
    const f = window.__frames!;
    f.recording = false;
    return { deltas: f.deltas, phases: f.phases, longTasks: f.longTasks };
  });
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    frames: deltas.length,
    maxFrameMs: round(sorted.at(-1) ?? 0),
    p95FrameMs: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    longTasks: longTasks.length,
    maxLongTaskMs: round(Math.max(0, ...longTasks)),
    slowest: deltas
      .map((ms, frame) => ({ ms: round(ms), phase: phases[frame] ?? '', frame }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
  };
}

/**
 * `profileTo`: also writes Chromium CPU profiles of the scroll and the filter there (DevTools format);
 * `rendererDir`: a renderer already built (e.g. unminified, to read the profiles).
 */
export async function measureRendererRows(
  dataDir: string,
  jobs: number,
  options: { profileTo?: string; rendererDir?: string } = {},
): Promise<RendererRowsResult> {
  const { profileTo } = options;
  const services = await createAppServices({
    dataDir,
    redactor: new Redactor(),
    logger: nullLogger,
    desktop: { openFiles: async () => [], openFolder: async () => [], showInFolder: async () => undefined },
    vodStatusPollMs: 0,
    autoStart: false,
  });
  const host = await startBrowserHost(
    options.rendererDir ? { services, rendererDir: options.rendererDir } : { services },
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.addInitScript(INIT);
    const t = performance.now();
    await page.goto(host.url);
    const grid = page.getByRole('grid');
    await grid.waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('.qrow__name').first().waitFor({ state: 'visible', timeout: 120_000 });
    const firstRowMs = performance.now() - t;
    await page.waitForFunction(
      (n) => Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0) >= n,
      jobs,
      { timeout: 120_000, polling: 100 },
    );
    const mountMs = performance.now() - t;
    const mountMaxLongTaskMs = await page.evaluate(() =>
      Math.max(0, ...((window.__frames as unknown as { mountLongTasks: number[] }).mountLongTasks ?? [])),
    );

    const cdp = profileTo ? await page.context().newCDPSession(page) : null;
    const profiled = async (name: string, body: () => Promise<void>) => {
      if (!cdp || !profileTo) return body();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await body();
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileTo, `${name}.cpuprofile`), JSON.stringify(profile));
    };
    const body = page.locator('.qgrid__body');
    const scroll = await record(page, () =>
      profiled('scroll', async () => {
        // Top to bottom in 120 frames (a fast fling through 100,000 rows), then back up with the wheel.
        await setPhase(page, 'fling');
        await body.evaluate(async (el) => {
          for (let i = 1; i <= 120; i++) {
            el.scrollTop = (el.scrollHeight * i) / 120;
            await new Promise((r) => requestAnimationFrame(r));
          }
        });
        await setPhase(page, 'wheel');
        await body.hover();
        for (let i = 0; i < 40; i++) {
          await page.mouse.wheel(0, -4000);
          await page.waitForTimeout(16);
        }
      }),
    );

    const filterSelect = page.getByRole('toolbar').locator('select');
    const search = page.getByRole('searchbox');
    const filter = await record(page, () =>
      profiled('filter', async () => {
        await setPhase(page, 'status filter');
        await filterSelect.selectOption('failed');
        await page.waitForTimeout(200);
        await filterSelect.selectOption('queued');
        await page.waitForTimeout(200);
        await filterSelect.selectOption('all');
        await page.waitForTimeout(200);
        await setPhase(page, 'search typed');
        await search.click();
        await page.keyboard.type('clip-0999', { delay: 60 });
        await page.waitForTimeout(200);
        await setPhase(page, 'search erased');
        for (let i = 0; i < 9; i++) await page.keyboard.press('Backspace', { delay: 60 });
        await page.waitForTimeout(200);
      }),
    );
    return {
      jobs,
      firstRowMs: round(firstRowMs, 0),
      mountMs: round(mountMs, 0),
      mountMaxLongTaskMs: round(mountMaxLongTaskMs),
      scroll,
      filter,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await host.close();
    await services.shutdown();
  }
}
