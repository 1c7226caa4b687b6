// `npm run build` (and `npm run dev`, which passes --watch): bundles the Electron main process and the
// preload with esbuild, then builds the renderer with Vite. Needs no Electron binary.
//
//   out/main/main.cjs        main process; every npm package stays external (node_modules ships with the app)
//   out/preload/preload.cjs  sandboxed preload; ONE self-contained file (a sandboxed preload cannot require
//                            anything but 'electron' and a few built-ins), so zod and shared/ are bundled in
//   out/renderer/            the renderer (renderer/vite.config.ts)
//
// Flags: --watch, --out <dir> (default out), --skip-renderer.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const { values: flags } = parseArgs({
  options: {
    watch: { type: 'boolean', default: false },
    out: { type: 'string', default: 'out' },
    'skip-renderer': { type: 'boolean', default: false },
  },
});
const outDir = resolve(root, flags.out);

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  // Electron 45 runs Node 22 and Chromium 140.
  define: { 'process.env.NODE_ENV': '"production"' },
};

const targets = [
  {
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: resolve(outDir, 'main/main.cjs'),
    platform: 'node',
    target: 'node22',
    packages: 'external',
    external: ['electron'],
  },
  {
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: resolve(outDir, 'preload/preload.cjs'),
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
    // Loaded on every window start: keep it small (the source map keeps it readable).
    minify: true,
  },
];

async function buildElectron() {
  if (flags.watch) {
    for (const options of targets) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(targets.map((options) => esbuild.build(options)));
}

async function buildRenderer() {
  if (flags['skip-renderer']) return;
  const configFile = resolve(root, 'renderer/vite.config.ts');
  if (!existsSync(resolve(root, 'renderer/index.html'))) {
    console.warn('build: renderer/index.html does not exist yet; skipping the renderer.');
    return;
  }
  const { build } = await import('vite');
  const outOverride = flags.out === 'out' ? {} : { outDir: resolve(outDir, 'renderer'), emptyOutDir: true };
  if (existsSync(configFile)) {
    await build({
      configFile,
      mode: 'production',
      build: { ...outOverride, ...(flags.watch ? { watch: {} } : {}) },
    });
  } else {
    await build({
      root: resolve(root, 'renderer'),
      base: './',
      configFile: false,
      build: {
        outDir: resolve(outDir, 'renderer'),
        emptyOutDir: true,
        ...(flags.watch ? { watch: {} } : {}),
      },
    });
  }
}

try {
  await buildElectron();
  await buildRenderer();
  if (flags.watch) console.log('build: watching for changes (Ctrl+C to stop)');
} catch (e) {
  console.error(`build failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
