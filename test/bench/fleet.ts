/**
 * `npx tsx test/bench/fleet.ts [--quick]`: aggregate upload throughput of 1, 2 and 4 team workers
 * (sections/fleet.ts) alone, JSON to bench-results/fleet.json. `npm run bench` runs it too.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTempDir } from './lib/files';
import { startRunInfo, writeJsonReport } from './lib/run-info';
import { FLEET_FULL, FLEET_QUICK, measureFleet } from './sections/fleet';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
  strict: true,
});
const out = resolve(values.out ?? join('bench-results', 'fleet.json'));
const run = startRunInfo();
const scratch = benchTempDir('vod-bench-fleet-');
try {
  const result = await measureFleet(scratch.dir, values.quick ? FLEET_QUICK : FLEET_FULL, run.log);
  writeJsonReport(out, { ...run.header(), ...result });
} finally {
  scratch.cleanup();
}
