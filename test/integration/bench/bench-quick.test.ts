import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/results';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runQuick(out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUN, '--quick', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm run bench -- --quick` end to end: every section runs against real emulator processes and writes the
 * JSON and the table. Speeds are not asserted here (they are the bench's job, on a quiet machine); what must
 * hold on any machine is that every upload arrived intact and the reliability runs lost nothing.
 */
describe('bench --quick', () => {
  it('writes the JSON and the Markdown table, and every upload and reliability run is intact', async () => {
    const out = join(dir, 'quick.json');
    const { code, stdout, stderr } = await runQuick(out);
    expect(code, stderr.slice(-4000)).toBe(0);
    expect(stdout).toContain('| Target | Measured | Met |');

    const r = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(r.mode).toBe('quick');
    expect(r.machine.cores).toBeGreaterThan(0);
    for (const section of [r.throughput, r.plainHttp, r.wan]) {
      for (const key of ['engineMBps', 'aliOssDefaultMBps', 'aliOssTunedMBps', 'rawPutMBps'] as const) {
        expect(section[key]).toBeGreaterThan(0);
      }
      // The server's CRC-64 of every contender's object equals the file's.
      for (const contender of Object.values(section.detail)) expect(contender.crcOk).toBe(true);
    }
    // The huge sparse file's first part was confirmed, then the job canceled with nothing left behind.
    expect(r.memory.peakRssHugeFileBytes).toBeGreaterThan(0);
    expect(r.memory.hugeFileConfirmedBytes).toBeGreaterThan(0);
    expect(r.memory.hugeFileCleanedUp).toBe(true);
    // The scenario section ran its contenders on the far path and each object is whole.
    expect(r.scenarios.map((s) => s.scenario.name)).toEqual(['far']);
    for (const c of [r.scenarios[0]!.engine, r.scenarios[0]!.aliOssDefault, r.scenarios[0]!.aliOssTuned]) {
      expect(c.crcOk).toBe(true);
      expect(c.mbps).toBeGreaterThan(0);
    }
    // Beside the contenders, the raw PUTs at once measured what this machine moves on the path at all.
    expect(r.scenarios[0]!.ceiling.error).toBeUndefined();
    expect(r.scenarios[0]!.ceiling.mbps).toBeGreaterThan(0);
    expect(r.scenarios[0]!.machine.mbps).toBeGreaterThanOrEqual(r.scenarios[0]!.ceiling.mbps);
    // Issue 15's loopback targets are judged over each transport.
    for (const over of ['HTTPS', 'plain HTTP']) {
      expect(r.targets.map((t) => t.name)).toContain(`CPU ≤ 1.2 CPU-s per GB, CRC on (loopback, ${over})`);
    }
    expect(r.queue.files).toBe(1000);
    expect(r.queue.listedJobs).toBe(1000);
    expect(r.scale.sqlite.archive.listedJobs).toBe(300);
    expect(r.scale.postgres.enqueue.files).toBe(300);
    expect(r.scale.postgres.claimRates.every((p) => p.duplicates === 0 && p.jobs === 40)).toBe(true);
    expect(r.queue.progressEventsPerSec).toBeGreaterThan(0);
    // Real worker processes uploaded on the team queue in the window, and each drained cleanly on SIGTERM.
    expect(r.fleet.points.map((p) => p.workers)).toEqual([1, 2]);
    for (const p of r.fleet.points) {
      expect(p.mbps).toBeGreaterThan(0);
      expect(p.exitCodes.every((code) => code === 0)).toBe(true);
    }

    expect(r.cliStart.statusJobs).toBe(10_000);
    for (const ms of [r.cliStart.nodeMs, r.cliStart.helpMs, r.cliStart.statusMs])
      expect(ms).toBeGreaterThan(0);

    const { killAnywhere, faultSoak } = r.reliability;
    // Every kill cycle landed (the emulator is slowed down while they run), and every kind came out clean.
    expect(killAnywhere.killsLanded).toBe(killAnywhere.cycles);
    for (const run of [killAnywhere.audit, faultSoak.audit]) {
      expect(run.errors).toEqual([]);
      expect(run.total).toMatchObject({ orphanMedia: 0, uploading: 0, openUploads: 0, stuck: 0, failed: 0 });
      expect(run.total.oneLiveMedia).toBe(run.total.files);
      expect(run.total.doneWithCrc).toBe(run.total.files);
      expect(run.kinds.filter((k) => k.files > 0).map((k) => k.kind)).toEqual([
        'video', 'audio', 'image', 'subtitle', 'watermark', 'material',
      ]); // prettier-ignore
      expect(run.clean).toBe(true);
    }
    expect(r.targets.length).toBeGreaterThanOrEqual(12);
    // About 40 CPU-seconds, mostly waiting on emulated links: on a machine shared with other test runs the
    // wall time passes 120 s (133 s measured at load 10 on 2 cores; with the team sections, PostgreSQL and
    // worker processes included, it took 595 s at load 11).
  }, 900_000);
});
