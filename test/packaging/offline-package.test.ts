import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findCrc64Addon,
  loadCrc64Addon,
  PACKAGED_ADDON_FILE,
} from '../../electron/core/oss/crc64-implementation';
import { writeStubElectronDist } from '../helpers/stub-electron-dist';

/**
 * The offline packaging path CI runs (docs/desktop.md): `npm run dist -- --linux dir` with a stub Electron
 * distribution and no Electron-ABI rebuild, then what the package holds, and whether its main bundle loads
 * from the package alone. This is what can be proven without an Electron binary; a window on screen cannot.
 */

const run = promisify(execFile);
/** CI builds the native CRC-64 addon (npm ci); a checkout without that build packages none. */
const crc64Built = process.env.CI === 'true' || findCrc64Addon() !== undefined;
const root = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version as string;

/** Every module a CommonJS bundle asks for at run time by a literal name. */
function requiredModules(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) names.add(match[1]!);
  return [...names].sort();
}

/** 'zod' → 'zod', '@alicloud/tea-util/dist/x' → '@alicloud/tea-util'. */
const packageOf = (request: string) =>
  request
    .split('/')
    .slice(0, request.startsWith('@') ? 2 : 1)
    .join('/');

describe('npm run dist -- --linux dir (stub Electron, no native rebuild)', () => {
  let work: string;
  let unpacked: string;
  let resources: string;
  let entries: string[];
  let tookSeconds: number;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vod-package-'));
    const stub = await writeStubElectronDist(join(work, 'electron-dist'), electronVersion);
    const started = Date.now();
    await run(
      'npm',
      ['run', 'dist', '--', '--linux', 'dir', `-c.directories.output=${join(work, 'release')}`],
      {
        cwd: root,
        env: {
          ...process.env,
          VOD_UPLOADER_ELECTRON_DIST: stub,
          VOD_UPLOADER_SKIP_REBUILD: '1',
          // The build-time feed goes into build-info.json; keep the developer's own out of this test.
          VOD_UPLOADER_UPDATE_URL: '',
          CI: 'true',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    tookSeconds = (Date.now() - started) / 1000;
    unpacked = join(work, 'release', 'linux-unpacked');
    resources = join(unpacked, 'resources');
    entries = listPackage(join(resources, 'app.asar'), { isPack: false });
    console.log(`packaging test: npm run dist -- --linux dir took ${tookSeconds.toFixed(1)} s`);
  }, 600_000);

  it('produces the Linux app around the stub: executable, resources, Electron licence, no default app', () => {
    expect(statSync(join(unpacked, 'vod-uploader')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(unpacked, 'LICENSE.electron.txt'))).toBe(true);
    expect(readdirSync(resources).sort()).toEqual([
      'app-update.yml',
      'app.asar',
      'build-info.json',
      ...(crc64Built ? ['native'] : []),
    ]);
  });

  it.runIf(crc64Built)(
    'ships the native CRC-64 addon in resources/native, where it loads and gives the check value',
    () => {
      // No better-sqlite3 Electron build here (VOD_UPLOADER_SKIP_REBUILD=1): the addon is alone in the folder.
      expect(readdirSync(join(resources, 'native'))).toEqual([PACKAGED_ADDON_FILE]);
      const addon = loadCrc64Addon(join(resources, 'native', PACKAGED_ADDON_FILE));
      expect(addon.update(0n, new TextEncoder().encode('123456789'))).toBe(0x995dc9bbdf1939fan);
    },
  );

  it('marks the package as not runnable, saying why, and does not pretend the fuses were flipped', () => {
    const info = JSON.parse(readFileSync(join(resources, 'build-info.json'), 'utf8'));
    expect(info).toMatchObject({
      productName: 'VOD Uploader',
      version: packageJson.version,
      electronVersion,
      platform: 'linux',
      runnable: false,
      fuses: 'not flipped',
      updateFeed: null,
    });
    expect(info.notRunnable.join('\n')).toContain('VOD_UPLOADER_SKIP_REBUILD=1');
    expect(info.notRunnable.join('\n')).toContain('not a real Electron binary');
  });

  it('writes update metadata for electron-updater (a generic feed)', () => {
    const yml = readFileSync(join(resources, 'app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: generic$/m);
    expect(yml).toMatch(/^url: https:\/\//m);
  });

  it('packs the app code and its production dependencies, and nothing that cannot load from an archive', () => {
    for (const file of [
      '/package.json',
      '/out/main/main.cjs',
      '/out/preload/preload.cjs',
      '/out/renderer/index.html',
    ])
      expect(entries).toContain(file);
    // Bundled by Vite into the renderer, or development-only: not shipped.
    for (const dir of [
      '/node_modules/react',
      '/node_modules/zustand',
      '/node_modules/@types',
      '/node_modules/electron',
      '/node_modules/vite',
    ])
      expect(entries).not.toContain(dir);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    // A native addon cannot be loaded from inside app.asar; the Node build of better-sqlite3 is left out too.
    expect(entries.filter((e) => e.endsWith('.node'))).toEqual([]);
    expect(entries.some((e) => e.startsWith('/node_modules/better-sqlite3/build'))).toBe(false);
    expect(entries).toContain('/node_modules/better-sqlite3/lib/database.js');
    // The page's meta CSP has no frame-ancestors (ignored there, with a warning); the app:// header has it.
    const page = extractFile(join(resources, 'app.asar'), 'out/renderer/index.html').toString();
    expect(page).toContain('http-equiv="Content-Security-Policy"');
    expect(page).not.toContain('frame-ancestors');
  });

  it('holds every package the main bundle requires (the bug: app.asar had no node_modules at all)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vod-main-'));
    extractAll(join(resources, 'app.asar'), dir);
    const main = readFileSync(join(dir, 'out', 'main', 'main.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    const packages = [
      ...new Set(
        requiredModules(main)
          .filter((m) => !builtins.has(m))
          .map(packageOf),
      ),
    ];
    expect(packages).toContain('zod');
    expect(packages).toContain('better-sqlite3');
    for (const name of [...packages, 'electron-updater', 'hash-wasm'])
      expect(existsSync(join(dir, 'node_modules', name, 'package.json')), name).toBe(true);
  });

  it('the package is named "VOD Uploader", so its data folder is the one the CLI uses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vod-pkg-'));
    extractAll(join(resources, 'app.asar'), dir);
    const packaged = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(packaged.productName).toBe('VOD Uploader');
    expect(packaged.main).toBe('out/main/main.cjs');
  });

  it('loads the main bundle from the extracted package alone (only electron stubbed) and refuses to run', async () => {
    // A copy outside the repository: no node_modules above it, and the loader refuses any path outside it.
    const copy = mkdtempSync(join(tmpdir(), 'vod-packaged-'));
    const copiedResources = join(copy, 'resources');
    mkdirSync(copiedResources);
    cpSync(join(resources, 'build-info.json'), join(copiedResources, 'build-info.json'));
    const app = join(copiedResources, 'app');
    extractAll(join(resources, 'app.asar'), app);
    const scratch = join(copy, 'scratch');
    const report = join(copy, 'report.json');
    const loader = join(copy, 'load-packaged-main.cjs');
    cpSync(join(import.meta.dirname, 'load-packaged-main.cjs'), loader);

    const child = await run(process.execPath, ['--require', loader, join(app, 'out', 'main', 'main.cjs')], {
      cwd: copy,
      env: {
        PATH: process.env.PATH,
        NODE_PATH: '',
        PACKAGED_APP_ROOT: app,
        PACKAGED_RESOURCES: copiedResources,
        PACKAGED_SCRATCH: scratch,
        PACKAGED_REPORT: report,
      },
    }).then(
      () => ({ code: 0 }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr }),
    );

    // Without a report the main bundle died before it could write one: show why.
    expect(existsSync(report), `no report; the child said: ${JSON.stringify(child)}`).toBe(true);
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      appName: string;
      errorBoxes: Array<{ title: string; content: string }>;
      exitCode: number;
      lockReleased: boolean;
      outsidePackage: string[];
      loaded: string[];
    };
    expect(result.outsidePackage).toEqual([]);
    expect(result.appName).toBe('VOD Uploader');
    // The whole top level ran: the core and its dependencies were loaded from the package.
    const loadedPackages = new Set(
      result.loaded
        .filter((file) => file.includes('/node_modules/'))
        .map((file) => packageOf(file.slice(file.lastIndexOf('/node_modules/') + '/node_modules/'.length))),
    );
    for (const name of ['zod', 'better-sqlite3', '@alicloud/openapi-client', 'fast-xml-parser', 'httpx'])
      expect(loadedPackages, name).toContain(name);
    expect(result.loaded.filter((file) => file !== loader && !file.startsWith(`${app}/`))).toEqual([]);
    // Then start-up read build-info.json and stopped with a visible reason and a clean exit.
    expect(result.errorBoxes).toHaveLength(1);
    expect(result.errorBoxes[0]?.title).toBe('VOD Uploader could not start');
    expect(result.errorBoxes[0]?.content).toContain('packaged for inspection only');
    expect(result.errorBoxes[0]?.content).toContain('VOD_UPLOADER_SKIP_REBUILD=1');
    expect(result.lockReleased).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(child.code).toBe(1);
  });
});
