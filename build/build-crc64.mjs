// Builds the native CRC-64/XZ addon (native/crc64, plain N-API) with node-gyp: run by `npm ci` (the `prepare`
// script) and by hand (`node build/build-crc64.mjs`). Output: native/crc64/build/Release/crc64.node.
//
// It is an optimisation only: when it cannot be built (no compiler, no Node headers) this warns and exits 0,
// and the engine uses hash-wasm's WebAssembly CRC-64 instead (electron/core/oss/crc64-implementation.ts).
// N-API is ABI-stable, so the same binary loads in this Node and in Electron on the same platform/arch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const addonDir = join(root, 'native', 'crc64');
const built = join(addonDir, 'build', 'Release', 'crc64.node');

function warn(reason) {
  console.warn(
    `build-crc64: the native CRC-64 addon was not built (${reason}); uploads use hash-wasm's WebAssembly CRC-64 instead.`,
  );
}

let nodeGyp;
try {
  nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
} catch {
  warn('node-gyp is not installed');
  process.exit(0);
}

const args = [nodeGyp, 'rebuild', '--directory', addonDir];
// Offline builds need the installed Node's own headers. npm passes its `nodedir` setting in the environment
// (npm_config_nodedir); run by hand, use the headers next to this Node when it has them (/usr/include/node).
const prefix = dirname(dirname(process.execPath));
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${prefix}`);
}

try {
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: addonDir });
} catch (e) {
  // The compiler's own lines say why; node-gyp's "gyp ERR!" trailer only says that it failed.
  const lines = e && e.stderr ? String(e.stderr).trim().split('\n') : [String(e)];
  const cause = lines.filter((line) => !line.startsWith('gyp '));
  const stderr = (cause.length > 0 ? cause.slice(0, 8) : lines.slice(-5)).join('\n  ');
  warn(`node-gyp failed:\n  ${stderr}\n`);
  process.exit(0);
}
if (!existsSync(built)) {
  warn(`node-gyp finished but ${built} is missing`);
  process.exit(0);
}
console.log(`build-crc64: built ${built}`);
