#!/usr/bin/env node
// The `vod-upload` command: runs the TypeScript CLI through tsx's loader, so no build step is needed after
// `npm ci`. Node runs this file directly; `npx vod-upload` and a global link both work. tsx is resolved from
// this package (not the caller's folder), and compiles with this package's tsconfig, whatever the cwd holds.
import { setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.electron.json', import.meta.url)) });
const { main } = await import('../electron/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A finished run must not be kept alive by a straggler (a keep-alive socket, a worker): the timer is unref'd,
// so it only fires if something else still holds the event loop.
setTimeout(() => process.exit(code), 2000).unref();
