/**
 * `npx tsx test/bench/scale.ts [--quick] [--files N] [--no-renderer]`: the queue-scale sections alone
 * (sections/scale.ts), JSON to bench-results/scale.json. `npm run bench` runs them too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTempDir } from './lib/files';
import { round } from './lib/units';
import { measureScale, SCALE_FULL, SCALE_QUICK } from './sections/scale';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    files: { type: 'string' },
    'no-renderer': { type: 'boolean', default: false },
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
const out = resolve(values.out ?? join('bench-results', 'scale.json'));
const started = Date.now();
const loadStart = loadavg()[0] ?? 0;
const log = (line: string) => process.stderr.write(`[${round((Date.now() - started) / 1000, 0)}s] ${line}\n`);
const scratch = benchTempDir('vod-bench-scale-');
try {
  const result = await measureScale(scratch.dir, profile, log);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const report = {
    date: new Date(started).toISOString(),
    commit,
    cores: availableParallelism(),
    loadAverage1m: { start: round(loadStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    durationSec: round((Date.now() - started) / 1000, 0),
    profile,
    ...result,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  scratch.cleanup();
}
