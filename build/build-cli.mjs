// Bundles the headless CLI (electron/cli) into plain JavaScript, so `vod-upload` starts without compiling
// TypeScript: `npm run build:cli`, run by `npm run build` and by `npm ci` (the `prepare` script), and by the
// integration tests before they start the real binary.
//
//   out/cli/vod-upload.mjs   the entry bin/vod-upload.mjs imports: parses the command line, prints help
//   out/cli/chunk-*.mjs      one chunk per command and what it needs, loaded only when that command runs
//
// Every npm package stays external (resolved from node_modules at run time, as the app's main bundle does):
// better-sqlite3 is a native addon, and the others load faster from their own files than re-bundled.
// Flags: --out <dir> (default out), --watch.
import { renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values: flags } = parseArgs({
  options: {
    out: { type: 'string', default: 'out' },
    watch: { type: 'boolean', default: false },
  },
});
const finalDir = resolve(root, flags.out, 'cli');
// Built beside and swapped in, so a `vod-upload` running from this checkout never finds half a build.
const outdir = flags.watch ? finalDir : `${finalDir}.build-${process.pid}`;

/** @type {import('esbuild').BuildOptions} */
const cliBuildOptions = {
  absWorkingDir: root,
  entryPoints: { 'vod-upload': 'electron/cli/entry.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // The CLI runs on the machine's Node (>= 20.19), not Electron's.
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  logLevel: flags.watch ? 'info' : 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without devDependencies: bin/vod-upload.mjs cannot find the bundle and says what to do.
  console.warn('build:cli: esbuild is not installed (devDependencies omitted); the CLI is not bundled.');
  process.exit(0);
}

try {
  if (flags.watch) {
    await (await esbuild.context(cliBuildOptions)).watch();
  } else {
    await esbuild.build(cliBuildOptions);
    // Chunk names are hashed: replace the folder whole so it holds one build, not every build so far.
    const old = `${finalDir}.old-${process.pid}`;
    try {
      renameSync(finalDir, old);
    } catch {
      // first build
    }
    renameSync(outdir, finalDir);
    rmSync(old, { recursive: true, force: true });
  }
} catch (e) {
  rmSync(outdir, { recursive: true, force: true });
  console.error(`build:cli failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
