import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/**
 * Page object for the renderer. It waits on what the app shows (roles, aria attributes, status text),
 * never on fixed sleeps.
 */
export class QueuePage {
  public constructor(
    public readonly page: Page,
    /** Page errors and console errors seen so far (a test may assert there are none). */
    public readonly errors: string[],
  ) {}

  public async waitReady(): Promise<void> {
    await this.page.getByRole('grid').waitFor({ state: 'visible' });
  }

  public grid(): Locator {
    return this.page.getByRole('grid');
  }

  /** The queue row whose name cell shows `name`. */
  public row(name: string): Locator {
    return this.grid()
      .getByRole('row')
      .filter({ has: this.page.locator('.qrow__name', { hasText: name }) });
  }

  public async rowState(name: string): Promise<string | null> {
    return this.row(name).getAttribute('data-state');
  }

  public async waitForRowState(name: string, states: readonly string[], timeout = 60_000): Promise<string> {
    const row = this.row(name);
    await row.waitFor({ state: 'attached', timeout });
    const selector = states.map((s) => `[data-state="${s}"]`).join(',');
    await this.page
      .locator('[role="row"]')
      .filter({ has: this.page.locator('.qrow__name', { hasText: name }) })
      .and(this.page.locator(selector))
      .waitFor({ state: 'attached', timeout });
    return (await row.getAttribute('data-state')) ?? '';
  }

  /** The row's progress bar, found by its accessible name ("Upload of <name>" in any language). */
  public progressBar(name: string): Locator {
    return this.page.getByRole('progressbar', { name: new RegExp(escapeRegExp(name)) });
  }

  /** The progress (0–100) the row's named progress bar reports. */
  public async progressOf(name: string): Promise<number> {
    return Number(await this.progressBar(name).getAttribute('aria-valuenow'));
  }

  /** Waits until a row's progress bar reports more than `above` percent. */
  public async waitForProgressAbove(name: string, above: number, timeout = 60_000): Promise<number> {
    await this.page.waitForFunction(
      ({ label, min }) =>
        [...document.querySelectorAll('[role="progressbar"]')].some(
          (bar) =>
            (bar.getAttribute('aria-label') ?? '').includes(label) &&
            Number(bar.getAttribute('aria-valuenow')) > min,
        ),
      { label: name, min: above },
      { timeout, polling: 100 },
    );
    return this.progressOf(name);
  }

  /**
   * A synthesised drop of absolute paths. Chromium gives dropped Files no path, so each File carries a
   * `vodPath` property that the browser host's bridge reads (its one difference from Electron's webUtils).
   */
  public async dropPaths(paths: readonly string[]): Promise<void> {
    await this.page.evaluate((list) => {
      const transfer = new DataTransfer();
      for (const path of list) {
        const file = new File([''], path.split(/[\\/]/).pop() ?? path);
        Object.defineProperty(file, 'vodPath', { value: path });
        transfer.items.add(file);
      }
      // No named inner functions here: tsx/vitest wrap them in a __name() helper the page does not have.
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
        );
      }
    }, paths);
  }

  public async openTab(name: RegExp | string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  public announcer(): Locator {
    return this.page.getByRole('status');
  }

  public async screenshot(name: string): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
