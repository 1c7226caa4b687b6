/**
 * `npx tsx test/bench/fleet.ts [--quick]`: aggregate upload throughput of 1, 2 and 4 team workers
 * (sections/fleet.ts) alone, JSON to bench-results/fleet.json. `npm run bench` runs it too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTempDir } from './lib/files';
import { round } from './lib/units';
import { FLEET_FULL, FLEET_QUICK, measureFleet } from './sections/fleet';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
  strict: true,
});
const out = resolve(values.out ?? join('bench-results', 'fleet.json'));
const started = Date.now();
const loadStart = loadavg()[0] ?? 0;
const log = (line: string) => process.stderr.write(`[${round((Date.now() - started) / 1000, 0)}s] ${line}\n`);
const scratch = benchTempDir('vod-bench-fleet-');
try {
  const result = await measureFleet(scratch.dir, values.quick ? FLEET_QUICK : FLEET_FULL, log);
  const report = {
    date: new Date(started).toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    cores: availableParallelism(),
    loadAverage1m: { start: round(loadStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    durationSec: round((Date.now() - started) / 1000, 0),
    ...result,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  scratch.cleanup();
}
