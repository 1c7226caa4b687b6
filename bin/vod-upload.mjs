#!/usr/bin/env node
// The `vod-upload` command: runs the TypeScript CLI through tsx's loader, so no build step is needed after
// `npm ci`. Node runs this file directly; `npx vod-upload` and a global link both work.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
