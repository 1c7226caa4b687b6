/**
 * `npx tsx test/bench/scale.ts [--quick] [--files N] [--no-renderer]`: the queue-scale sections alone
 * (sections/scale.ts), JSON to bench-results/scale.json. `npm run bench` runs them too.
 *
 * `--renderer-only [--data DIR] [--renderer-dir DIR] [--profile-to DIR]`: only the renderer's frames in
 * Chromium (sections/renderer-rows.ts) over an archive of N queued jobs. `--data` keeps the archive's data dir
 * in DIR and reuses it on the next run (adding 100,000 files is most of a run); `--renderer-dir` serves a
 * renderer already built there (`buildPreviewRenderer`), so two builds can be run alternately in the same
 * conditions; `--profile-to` writes Chromium CPU profiles of the scroll and the filter.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTempDir } from './lib/files';
import { startRunInfo, writeJsonReport } from './lib/run-info';
import { archivePoint } from './sections/archive';
import { measureRendererRows } from './sections/renderer-rows';
import { measureScale, SCALE_FULL, SCALE_QUICK } from './sections/scale';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    files: { type: 'string' },
    'no-renderer': { type: 'boolean', default: false },
    'renderer-only': { type: 'boolean', default: false },
    data: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'profile-to': { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
const base = values.quick ? SCALE_QUICK : SCALE_FULL;
const profile = {
  ...base,
  ...(values.files ? { files: Number(values.files) } : {}),
  ...(values['no-renderer'] ? { renderer: false } : {}),
};
const rendererOnly = values['renderer-only'];
const out = resolve(values.out ?? join('bench-results', rendererOnly ? 'scale-renderer.json' : 'scale.json'));
const run = startRunInfo();
const log = run.log;
const scratch = values.data
  ? { dir: resolve(values.data), cleanup: () => undefined }
  : benchTempDir('vod-bench-scale-');

async function rendererAlone() {
  const dataDir = join(scratch.dir, 'archive-data');
  if (existsSync(dataDir)) log(`renderer: reusing ${dataDir}`);
  else {
    mkdirSync(scratch.dir, { recursive: true });
    log(`archive: ${profile.files} files (the renderer's data)`);
    await archivePoint(scratch.dir, 'archive', profile.files);
  }
  if (values['profile-to']) mkdirSync(values['profile-to'], { recursive: true });
  log(`renderer: ${profile.files} rows in Chromium`);
  const renderer = await measureRendererRows(dataDir, profile.files, {
    ...(values['profile-to'] ? { profileTo: resolve(values['profile-to']) } : {}),
    ...(values['renderer-dir'] ? { rendererDir: resolve(values['renderer-dir']) } : {}),
  });
  const worst = Math.max(renderer.scroll.maxFrameMs, renderer.filter.maxFrameMs);
  return { renderer, met: worst <= 100 };
}

try {
  const result = rendererOnly ? await rendererAlone() : await measureScale(scratch.dir, profile, log);
  writeJsonReport(out, {
    ...run.header(),
    profile: rendererOnly ? { files: profile.files, rendererDir: values['renderer-dir'] ?? null } : profile,
    ...result,
  });
} finally {
  scratch.cleanup();
}
