/**
 * `npx tsx test/bench/issue15.ts [--scenario-mib N] [--ali-default-files N] [--scenarios far,near|none]
 * [--loopback-rounds N] [--no-huge] [--engine-only] [--batch-only]`: the sections of `npm run bench`
 * that issue 15's targets are about, for when the whole bench takes too long on a loaded machine: the
 * scenarios (one big file and the 200 × 4 MiB batch, three contenders each, and beside them what this machine
 * can move on the path at all: raw PUTs at once, no hashing), the loopback comparison (`--loopback-rounds`
 * rounds over HTTPS and over plain HTTP, alternating; MB/s and CPU per GB of every contender over each,
 * event-loop delay) and the 5 GiB-part memory run. Prints the same Markdown
 * tables and target rows; JSON in bench-results/issue15.json. `--scenarios` runs only the named scenarios (none:
 * skip them), `--engine-only` runs only the engine in the scenarios (no ali-oss contenders),
 * `--no-huge` skips the 5 GiB-part run and the 10 TiB file's first part: shorter runs on a shared machine, the rows not run left out.
 * `--batch-only` runs only the 200 × 4 MiB batch of each scenario (no big file); `--loopback-rounds 0` with
 * `--no-huge` skips the loopback emulator altogether. BENCH_ENGINE_TRACE=path has the engine child write its
 * decisions and, every 500 ms, connections active/allowed and files running (test/bench/lib/engine-trace.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulatorProcess } from './lib/emulator-process';
import { benchTempDir, writeRandomFile } from './lib/files';
import { GiB, MiB, round } from './lib/units';
import { writeBatch } from './sections/batch';
import { CONTENDERS, compareTransports, loopbackTargets } from './sections/contenders';
import { firstPartsRun, firstPartsTargets, sparseRun } from './sections/memory';
import {
  machineCell,
  runScenario,
  scenarioEmulator,
  scenarioCell,
  scenarioTargets,
  SCENARIOS,
  type ScenarioResult,
} from './sections/scenarios';
import { FULL } from './profile';

type Loops = Awaited<ReturnType<typeof compareTransports>>;

const { values } = parseArgs({
  options: {
    'scenario-mib': { type: 'string', default: '1024' },
    'ali-default-files': { type: 'string', default: '40' },
    scenarios: { type: 'string', default: 'all' },
    'loopback-rounds': { type: 'string', default: '1' },
    'no-huge': { type: 'boolean', default: false },
    'engine-only': { type: 'boolean', default: false },
    'batch-only': { type: 'boolean', default: false },
  },
});
const startedAt = Date.now();
const load = loadavg()[0] ?? 0;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const log = (line: string): void => {
  process.stderr.write(`[${round((Date.now() - startedAt) / 1000, 0)}s] ${line}\n`);
};
const scratch = benchTempDir('vod-bench15-');
const lines: string[] = [];
try {
  const batchProfile = { ...FULL.batch!, aliDefaultFiles: Number(values['ali-default-files']) };
  const scenarios: ScenarioResult[] = [];
  const wanted = values.scenarios.split(',');
  const chosen = SCENARIOS.filter((s) => values.scenarios === 'all' || wanted.includes(s.name));
  const bigFile =
    chosen.length > 0 && !values['batch-only']
      ? writeRandomFile(join(scratch.dir, 'scenario.mp4'), Number(values['scenario-mib']) * MiB)
      : undefined;
  const batch =
    chosen.length > 0 ? { files: writeBatch(scratch.dir, batchProfile), profile: batchProfile } : undefined;
  for (const scenario of chosen) {
    if (batch === undefined) break;
    log(`scenario ${scenario.name}`);
    scenarios.push(
      await runScenario(scenarioEmulator, scenario, bigFile, scratch.dir, log, batch, values['engine-only']),
    );
  }
  const rounds = Number(values['loopback-rounds']);
  let loops: Loops | undefined;
  let huge: Awaited<ReturnType<typeof sparseRun>> | undefined;
  let firstParts: Awaited<ReturnType<typeof firstPartsRun>> | undefined;
  if (rounds > 0 || !values['no-huge']) {
    log(
      `loopback, ${rounds} round(s) over HTTPS and over plain HTTP (fast-hash emulators)${values['no-huge'] ? '' : ', 5 GiB parts and 10 TiB first part'}`,
    );
    const emu = await startEmulatorProcess({ sink: true, fastHash: true });
    try {
      if (rounds > 0) {
        const loopFile = writeRandomFile(join(scratch.dir, 'loop.mp4'), GiB);
        const plain = await startEmulatorProcess({ sink: true, fastHash: true, plainHttp: true });
        try {
          loops = await compareTransports({ https: emu, http: plain }, loopFile, rounds, scratch.dir, log);
        } finally {
          await plain.stop();
        }
      }
      if (!values['no-huge']) {
        huge = await sparseRun(emu, scratch.dir, FULL.hugePart!.fileBytes, FULL.hugePart!.partSize);
        log('first part of a 10 TiB sparse file, default settings');
        firstParts = await firstPartsRun(emu, scratch.dir, FULL.firstPartsFileBytes, 1);
      }
    } finally {
      await emu.stop();
    }
  }
  const loop = loops?.https;
  const loopHttp = loops?.http;
  lines.push(
    `Run of ${new Date(startedAt).toISOString()}, commit ${commit}, ${cpus().length} cores, load average ${round(load, 1)} at start and ${round(loadavg()[0] ?? 0, 1)} at end, ${round((Date.now() - startedAt) / 1000, 0)} s.`,
    '',
    `| Scenario, one file of ${values['scenario-mib']} MiB | engine untuned | ali-oss defaults | ali-oss tuned (8 MiB, parallel 64) | raw PUTs at once, no hashing | this machine's ceiling: the most any run moved here |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...scenarios.map(
      (s) =>
        `| ${s.scenario.name} | ${scenarioCell(s.engine)} | ${scenarioCell(s.aliOssDefault)} | ${scenarioCell(s.aliOssTuned)} | ${scenarioCell(s.ceiling)}, ×${s.ceiling.lanes} | ${machineCell(s.machine)} |`,
    ),
    '',
    `| Scenario, ${batchProfile.files} × 4 MiB | engine untuned | ali-oss defaults (first ${batchProfile.aliDefaultFiles}, one at a time) | ali-oss tuned (put, 64 at once) | this machine's ceiling (as above) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...scenarios.map(
      (s) =>
        `| ${s.scenario.name} | ${scenarioCell(s.batch!.engine)} | ${scenarioCell(s.batch!.aliOssDefault)} | ${scenarioCell(s.batch!.aliOssTuned)} | ${machineCell(s.machine)} |`,
    ),
    '',
    ...(loop === undefined || loopHttp === undefined
      ? []
      : [
          `| Loopback, 1 GiB, median of ${rounds} round(s) | MB/s HTTPS | MB/s HTTP | CPU s/GB HTTPS | CPU s/GB HTTP | TLS costs, CPU s/GB | main thread CPU s/GB, HTTPS | event loop p99 / max ms, HTTPS | peak RSS MiB, HTTPS |`,
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...CONTENDERS.map(
            (k) =>
              `| ${k} | ${round(loop[k].mbps)} | ${round(loopHttp[k].mbps)} | ${round(loop[k].cpuSecondsPerGB, 2)} | ${round(loopHttp[k].cpuSecondsPerGB, 2)} | ${round(loop[k].cpuSecondsPerGB - loopHttp[k].cpuSecondsPerGB, 2)} | ${loop[k].mainThreadCpuSecondsPerGB === undefined ? '—' : round(loop[k].mainThreadCpuSecondsPerGB, 2)} | ${round(loop[k].eventLoopP99Ms)} / ${round(loop[k].eventLoopMaxMs)} | ${round(loop[k].peakRssBytes / MiB, 0)} |`,
          ),
          '',
        ]),
    '| Target | Measured | Met |',
    '| --- | --- | :---: |',
  );
  const loopTargets = (loop: Loops) => [
    ...loopbackTargets(loop.https, 'https'),
    ...loopbackTargets(loop.http, 'http'),
    {
      name: 'event loop p99 < 30 ms and max < 100 ms at full speed (loopback, HTTPS)',
      measured: `p99 ${round(loop.https.engine.eventLoopP99Ms)} ms, max ${round(loop.https.engine.eventLoopMaxMs)} ms`,
      met: loop.https.engine.eventLoopP99Ms < 30 && loop.https.engine.eventLoopMaxMs < 100,
    },
  ];
  const targets = [
    ...scenarioTargets(scenarios),
    ...(loops === undefined ? [] : loopTargets(loops)),
    ...(huge === undefined
      ? []
      : [
          {
            name: '5 GiB parts on Node 20 (sparse 5.25 GiB file): done, CRC ok, peak RSS ≤ 300 MiB',
            measured: `${round(huge.peakRssBytes / MiB, 0)} MiB, ${round(huge.mbps)} MB/s, CRC ${huge.crcOk ? 'ok' : 'wrong'}`,
            met: huge.crcOk && huge.peakRssBytes <= 300 * MiB,
          },
        ]),
    // The 10 TiB file's first part is judged against the loopback engine's RSS: not without a loopback round.
    ...(firstParts === undefined || loop === undefined
      ? []
      : firstPartsTargets(firstParts, { bytes: GiB, peakRssBytes: loop.engine.peakRssBytes })),
  ];
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  const out = resolve('bench-results/issue15.json');
  mkdirSync(resolve('bench-results'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ commit, load, scenarios, loop, loopHttp, huge, firstParts, targets }, null, 2)}\n`,
  );
  process.stdout.write(`${lines.join('\n')}\n\nJSON: ${out}\n`);
} finally {
  scratch.cleanup();
}
