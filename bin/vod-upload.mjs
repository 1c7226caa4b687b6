#!/usr/bin/env node
// The `vod-upload` command. Runs the bundled CLI (out/cli/vod-upload.mjs, built by `npm ci` through the
// `prepare` script, by `npm run build` and by `npm run build:cli`): plain JavaScript, so it starts in a
// fraction of a second. Without a bundle (a checkout where install scripts were skipped), or with
// VOD_UPLOAD_FROM_SOURCE=1 (working on the CLI), it runs the TypeScript sources through tsx's loader instead,
// compiled with this package's tsconfig whatever the cwd holds.
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const bundle = new URL('../out/cli/vod-upload.mjs', import.meta.url);
const fromSource = process.env.VOD_UPLOAD_FROM_SOURCE === '1' || !existsSync(fileURLToPath(bundle));
let entry;
if (fromSource) {
  const { register } = await import('tsx/esm/api').catch(() => {
    process.stderr.write(
      'vod-upload: the CLI is not built (out/cli is missing) and tsx is not installed to run it from source.\n' +
        'Run `npm ci` (or `npm run build:cli`) in the vod-uploader folder.\n',
    );
    process.exit(2);
  });
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.electron.json', import.meta.url)) });
  entry = await import('../electron/cli/entry.ts');
} else {
  entry = await import(bundle.href);
}
await entry.runCli(process.argv.slice(2));
