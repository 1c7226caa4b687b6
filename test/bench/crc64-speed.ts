/**
 * `npx tsx test/bench/crc64-speed.ts [--mib N] [--rounds N]`: CPU-seconds per GiB of each CRC-64/XZ
 * implementation the engine can use (docs/performance.md, issue 15), over one random buffer of N MiB (default
 * 256) fed in 1 MiB chunks as the read workers do. The implementations take turns within each round (A B C D,
 * A B C D, …) and the median per implementation is printed, so a shared machine's load hits all of them alike.
 */
import { randomFillSync } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createCRC64 } from 'hash-wasm';
import { crc64Digest, crc64Update, type Crc64State } from '../../electron/core/oss/crc64';
import { findCrc64Addon, loadCrc64Addon } from '../../electron/core/oss/crc64-implementation';
import { GiB, median, MiB, round } from './lib/units';

const { values } = parseArgs({
  options: { mib: { type: 'string', default: '256' }, rounds: { type: 'string', default: '5' } },
});
const size = Number(values.mib) * MiB;
const rounds = Number(values.rounds);
const data = randomFillSync(new Uint8Array(size));
const CHUNK = MiB;

type Run = () => string;
const runs: [string, Run][] = [];
runs.push([
  'JS table (crc64.ts)',
  () => {
    let state: Crc64State | undefined;
    for (let at = 0; at < size; at += CHUNK) state = crc64Update(state, data.subarray(at, at + CHUNK));
    return crc64Digest(state);
  },
]);
const wasm = await createCRC64();
runs.push([
  'hash-wasm (WebAssembly)',
  () => {
    wasm.init();
    for (let at = 0; at < size; at += CHUNK) wasm.update(data.subarray(at, at + CHUNK));
    return BigInt(`0x${wasm.digest('hex')}`).toString();
  },
]);
const addonPath = findCrc64Addon();
if (addonPath === undefined) {
  console.error('native/crc64 is not built (node build/build-crc64.mjs): its rows are left out.');
} else {
  const addon = loadCrc64Addon(addonPath);
  const native = (update: (crc: bigint, data: Uint8Array) => bigint): Run => {
    return () => {
      let crc = 0n;
      for (let at = 0; at < size; at += CHUNK) crc = update(crc, data.subarray(at, at + CHUNK));
      return crc.toString();
    };
  };
  runs.push(['native portable (slicing-by-8)', native(addon.updatePortable)]);
  if (addon.implementation() === 'pclmul') runs.push(['native pclmul (folding)', native(addon.update)]);
}

const cpuSeconds: number[][] = runs.map(() => []);
const load = loadavg()[0] ?? 0;
let expected: string | undefined;
for (let r = 0; r < rounds; r++) {
  runs.forEach(([name, run], i) => {
    const before = process.cpuUsage();
    const crc = run();
    const used = process.cpuUsage(before);
    expected ??= crc;
    if (crc !== expected) throw new Error(`${name} computed ${crc}, the JS table ${expected}`);
    cpuSeconds[i]!.push((used.user + used.system) / 1e6);
  });
}
console.log(
  `CRC-64/XZ over ${values.mib} MiB in 1 MiB chunks, median of ${rounds} alternating rounds; load average ${round(load, 1)} at start, ${round(loadavg()[0] ?? 0, 1)} at end.`,
);
console.log('');
console.log('| Implementation | CPU s/GiB | GiB/s per core |');
console.log('| --- | ---: | ---: |');
runs.forEach(([name], i) => {
  const perGiB = median(cpuSeconds[i]!) / (size / GiB);
  console.log(`| ${name} | ${round(perGiB, 3)} | ${round(1 / perGiB, 1)} |`);
});
