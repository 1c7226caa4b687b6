/**
 * `npx tsx test/bench/reliability.ts [--quick] [--only kill|soak] [--kill-seed N] [--soak-seed N]`: the reliability sections of
 * `npm run bench` alone (kill -9 anywhere over every kind of media, and the fault soak), with the same
 * sizes as the full (or quick) bench. Prints the reliability tables; writes bench-results/reliability.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL, QUICK } from './profile';
import { reliabilityTables } from './report-reliability';
import { benchTempDir } from './lib/files';
import { round } from './lib/units';
import { KILL_SEED, killAnywhere, type KillAnywhereResult } from './sections/kill-anywhere';
import { faultSoak, SOAK_SEED, type SoakResult } from './sections/reliability';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'kill-seed': { type: 'string' },
    'soak-seed': { type: 'string' },
  },
  strict: true,
});
const profile = values.quick ? QUICK : FULL;
const startedAt = Date.now();
const log = (line: string): void => {
  process.stderr.write(`[${round((Date.now() - startedAt) / 1000, 0)}s] ${line}\n`);
};
const killSeed = Number(values['kill-seed'] ?? KILL_SEED);
const soakSeed = Number(values['soak-seed'] ?? SOAK_SEED);

const scratch = benchTempDir('vod-reliability-');
try {
  let kill: KillAnywhereResult | null = null;
  let soak: SoakResult | null = null;
  if (values.only !== 'soak') {
    log(
      `kill -9 anywhere: ${profile.kill.cycles} cycles, ${profile.kill.filesPerKind} files per kind, seed ${killSeed}`,
    );
    kill = await killAnywhere(scratch.dir, { ...profile.kill, seed: killSeed }, log);
  }
  if (values.only !== 'kill') {
    log(`fault soak: ${profile.soak.files} files, seed ${soakSeed}`);
    soak = await faultSoak(scratch.dir, { ...profile.soak, seed: soakSeed }, log);
  }
  const out = resolve(join('bench-results', 'reliability.json'));
  mkdirSync(join('bench-results'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date(startedAt).toISOString(), mode: profile.name, kill, soak }, null, 2)}\n`,
  );
  process.stdout.write(
    `${reliabilityTables(kill, soak).join('\n')}\n\nJSON: ${out} (${round((Date.now() - startedAt) / 1000, 0)} s)\n`,
  );
  const clean = (kill === null || kill.audit.clean) && (soak === null || soak.audit.clean);
  process.exitCode = clean ? 0 : 1;
} finally {
  scratch.cleanup();
}
