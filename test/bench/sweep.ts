/**
 * `npx tsx test/bench/sweep.ts [--rounds N] [--file-mib M]`: the part-size × parts-in-flight sweep alone,
 * with N interleaved rounds per cell (median), on loopback and on the simulated WAN. It is what the engine's
 * defaults are chosen from (docs/performance.md); `npm run bench` runs the same grid once per cell.
 * Writes bench-results/sweep.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL } from './profile';
import { sweepTables } from './report';
import { startEmulatorProcess } from './lib/emulator-process';
import { benchTempDir, writeRandomFile } from './lib/files';
import { MiB, round } from './lib/units';
import { sweep, type SweepPoint } from './sections/sweep';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, 'file-mib': { type: 'string', default: '1024' } },
  strict: true,
});
const rounds = Number(values.rounds);
const fileBytes = Number(values['file-mib']) * MiB;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
if (!Number.isFinite(fileBytes) || fileBytes < MiB) throw new Error('--file-mib must be at least 1');
const grid = FULL.sweep!;
const startedAt = Date.now();
const log = (line: string): void => {
  process.stderr.write(`[${round((Date.now() - startedAt) / 1000, 0)}s] ${line}\n`);
};

const scratch = benchTempDir('vod-sweep-');
try {
  const file = writeRandomFile(join(scratch.dir, 'sweep.mp4'), fileBytes);
  const result: Record<'loopback' | 'wan', SweepPoint[]> = { loopback: [], wan: [] };
  for (const env of ['loopback', 'wan'] as const) {
    const wan = FULL.wan;
    const emu = await startEmulatorProcess(
      env === 'loopback'
        ? { sink: true }
        : {
            sink: true,
            latency: wan.latencyMs,
            bandwidth: wan.bandwidth,
            perConnectionBandwidth: wan.perConnectionBandwidth,
          },
    );
    try {
      log(`sweep on ${env}, ${rounds} round(s)`);
      result[env] = await sweep(emu, file, scratch.dir, grid, log, rounds);
    } finally {
      await emu.stop();
    }
  }
  const out = resolve('bench-results', 'sweep.json');
  mkdirSync(resolve('bench-results'), { recursive: true });
  const date = new Date(startedAt).toISOString();
  writeFileSync(out, `${JSON.stringify({ date, rounds, fileBytes, ...result }, null, 2)}\n`);
  process.stdout.write(
    [
      `### Sweep, ${date}: ${fileBytes / MiB} MiB file, median of ${rounds} interleaved round(s), MB/s`,
      ...sweepTables(result.loopback, result.wan),
      '',
      `JSON: ${out}`,
    ].join('\n') + '\n',
  );
} finally {
  scratch.cleanup();
}
