/**
 * `npx tsx test/bench/transport-writes.ts [--rounds N] [--mib N]`: what the size of a socket write costs the
 * client's CPU, with nothing else in the way. The transport (electron/core/oss/http-transport.ts) sends
 * 8 MiB bodies of 512 KiB chunks, 4 at once, over HTTPS to a sink in another process that reads and drops
 * them, once in 128 KiB slices (a connection whose rate is not known yet) and once a whole chunk per write
 * (a measured connection), interleaved round by round; CPU is process.cpuUsage of this process only.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createHttpAgents, sendRequest, type StreamedBody } from '../../electron/core/oss/http-transport';
import { makeThrowawayCertificate } from '../emulator/tls';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, mib: { type: 'string', default: '256' } },
});
const CHUNK = 512 * 1024;
const PART = 8 * 1024 * 1024;
const total = Number(values.mib) * 1024 * 1024;
const certificate = makeThrowawayCertificate('cn-shanghai');
const sinkSource = `
const https = require('node:https'); const fs = require('node:fs');
const server = https.createServer({ key: fs.readFileSync(process.argv[1]), cert: fs.readFileSync(process.argv[2]) },
  (req, res) => { req.resume(); req.on('end', () => res.end('ok')); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
const keyFile = certificate.certFile.replace(/cert\.pem$/, 'key.pem');
const sink = spawn(process.execPath, ['-e', sinkSource, keyFile, certificate.certFile], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) =>
  sink.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
);
const agents = createHttpAgents(8, undefined, { extraCaCertificates: [certificate.cert.toString('utf8')] });
const chunk = Buffer.alloc(CHUNK, 7);

function body(bytesPerSecond: number | undefined): StreamedBody {
  return {
    size: PART,
    bytesPerSecond,
    async *chunks() {
      for (let at = 0; at < PART; at += CHUNK) yield chunk;
    },
  };
}

/** CPU-seconds per GiB of this process for `total` bytes in 8 MiB PUTs, 4 at once. */
async function run(bytesPerSecond: number | undefined): Promise<number> {
  const before = process.cpuUsage();
  let next = 0;
  const parts = total / PART;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < parts) {
        next++;
        const answer = await sendRequest({
          url: new URL(`https://127.0.0.1:${port}/k`),
          method: 'PUT',
          headers: {},
          body: body(bytesPerSecond),
          agents,
          idleTimeoutMs: 30_000,
        });
        if (answer.status !== 200) throw new Error(`sink answered ${answer.status}`);
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6 / (total / 2 ** 30);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
try {
  const load = loadavg()[0]!;
  await run(undefined);
  const sliced: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < Number(values.rounds); i++) {
    sliced.push(await run(undefined));
    whole.push(await run(50_000_000));
  }
  const show = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
  process.stdout.write(
    `load ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; client CPU-s per GiB, median of ${sliced.length}:\n` +
      `  128 KiB writes:    ${median(sliced).toFixed(2)} (${show(sliced)})\n` +
      `  whole 512 KiB chunks: ${median(whole).toFixed(2)} (${show(whole)})\n`,
  );
} finally {
  agents.destroy();
  sink.kill();
  certificate.remove();
}
