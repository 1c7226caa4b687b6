import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The desktop app on screen: Electron itself, launched by Playwright on the built app (`electron .`). It runs
 * only where the Electron binary exists (a developer machine or a CI runner with internet access); here no
 * Electron can be downloaded, so it is skipped and says why. docs/desktop.md has the commands for that machine.
 *
 * Playwright drives Electron through --inspect and --remote-debugging-port, which the packaged app's fuses
 * switch off, so this runs on the development build; the packaged app is checked by hand (docs/desktop.md).
 */

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** Where `require('electron')` would point, without requiring it (that would try to download it). */
function findElectronBinary(): { binary: string } | { reason: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (!override && relative === null) {
    return {
      reason:
        "node_modules/electron/path.txt is missing: Electron's own download (npm install electron, from github.com) did not run or failed",
    };
  }
  const binary = override ? join(override, relative ?? 'electron') : join(pkg, 'dist', relative!);
  if (!existsSync(binary)) return { reason: `the Electron binary ${binary} does not exist` };
  return { binary };
}

const found = findElectronBinary();
const binary = 'binary' in found ? found.binary : null;
if ('reason' in found) {
  console.warn(`[electron smoke test] SKIPPED: no Electron binary on this machine (${found.reason}).`);
}

describe.skipIf(binary === null)('the desktop app under Electron (Playwright _electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The current code, and the Electron build of better-sqlite3 (compiled once; needs Electron's headers).
    await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    await run(process.execPath, ['build/rebuild-native.mjs'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    dataDir = mkdtempSync(join(tmpdir(), 'vod-electron-smoke-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: [root],
      cwd: root,
      env: { ...process.env, VOD_UPLOADER_DATA_DIR: dataDir, VOD_UPLOADER_UPDATE_URL: '' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.getByRole('heading', { name: 'VOD Uploader' }).waitFor({ timeout: 30_000 });
  }, 600_000);

  afterAll(async () => {
    if (app && app.process().exitCode === null) await app.close();
  });

  it('is named "VOD Uploader" and keeps its data where it was told (the CLI’s variable)', async () => {
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('VOD Uploader');
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(dataDir);
    // The queue database was opened there (its engine lock beside it).
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
  });

  it('shows the renderer from app:// in a sandboxed window that reaches main only through the bridge', async () => {
    expect(page.url()).toBe('app://vod-uploader/index.html');
    expect(await page.title()).toBe('VOD Uploader');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const settings = await page.evaluate(() =>
      (
        globalThis as unknown as {
          vodUploader: { invoke: Record<string, (r: unknown) => Promise<{ ok: boolean }>> };
        }
      ).vodUploader.invoke['settings:get']!({}),
    );
    expect(settings.ok).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('quits cleanly: the services shut down and the process exits with code 0', async () => {
    const child = app.process();
    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    // The process may be gone before the evaluation answers.
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
    expect(await exited).toBe(0);
  });
});
