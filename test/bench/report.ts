import type { BenchResults } from './results';
import { reliabilityTables } from './report-reliability';
import type { SweepPoint } from './sections/sweep';
import { GiB, MiB, round } from './lib/units';
import { CONTENDERS } from './sections/contenders';
import { machineCell, scenarioCell } from './sections/scenarios';

function n(value: number, digits = 1): string {
  return Number.isFinite(value) ? String(round(value, digits)) : 'n/a';
}

function mib(bytes: number): string {
  return `${n(bytes / MiB, 0)} MiB`;
}

/** A file size in the largest binary unit that keeps it readable (10 TiB, not 10485760 MiB). */
function fileSize(bytes: number): string {
  if (bytes >= 2 ** 40) return `${n(bytes / 2 ** 40, 2)} TiB`;
  if (bytes >= 2 ** 30) return `${n(bytes / 2 ** 30, 2)} GiB`;
  return mib(bytes);
}

/** The Markdown summary printed at the end of a run (and pasted into docs/performance.md). */
export function markdownReport(r: BenchResults): string {
  const t = r.throughput;
  const w = r.wan;
  const lines: string[] = [];
  lines.push(
    `### Bench ${r.mode} run, ${r.date}, commit ${r.revision.commit}${r.revision.engineDirty ? ' (engine sources modified)' : ''}`,
  );
  lines.push('');
  lines.push(
    `Machine: ${r.machine.cores} cores (${r.machine.cpuModel}), ${n(r.machine.memoryBytes / GiB, 0)} GiB RAM, Node ${r.machine.node}, ${r.machine.platform}/${r.machine.arch}; load average ${r.machine.loadAverage1m.start} at start, ${r.machine.loadAverage1m.end} at end.`,
  );
  lines.push(
    `Engine settings: part size ${mib(r.config.engine.partSize)}, ${r.config.engine.partsInFlight} parts in flight. ` +
      `Loopback file ${mib(r.config.loopbackFileBytes)}, WAN file ${mib(r.config.wanFileBytes)}, median of ${r.config.rounds} run(s).`,
  );
  lines.push('');
  lines.push('| Contender | Loopback MB/s | ratio (engine ÷) | CPU s/GB | WAN MB/s | ratio (engine ÷) |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  const row = (name: string, key: 'engine' | 'aliOssDefault' | 'aliOssTuned' | 'rawPut') =>
    lines.push(
      `| ${name} | ${n(t.detail[key].mbps)} | ${key === 'engine' ? '—' : n(t.detail.engine.mbps / t.detail[key].mbps, 2)} | ${n(t.detail[key].cpuSecondsPerGB, 2)} | ${n(w.detail[key].mbps)} | ${key === 'engine' ? '—' : n(w.detail.engine.mbps / w.detail[key].mbps, 2)} |`,
    );
  row('engine (defaults, CRC-64 on)', 'engine');
  row('ali-oss multipartUpload, defaults', 'aliOssDefault');
  row('ali-oss multipartUpload, tuned', 'aliOssTuned');
  row('single raw PUT (ceiling)', 'rawPut');
  lines.push('');
  lines.push(
    `WAN = emulator latency ${w.latencyMs} ms, ${n(w.linkCapMBps, 0)} MB/s total, ${n(w.perConnectionMBps, 0)} MB/s per connection.`,
  );
  lines.push('');
  if (r.scenarios.length > 0) {
    lines.push(
      `Where users are: one file of ${mib(r.scenarios[0]!.fileBytes)} per scenario, MB/s (share of the link); ali-oss tuned = 8 MiB parts, parallel 64; raw PUTs = N PUTs at once through the file's ranges, no hashing; this machine's ceiling = the most any run moved on that path.`,
    );
    lines.push('');
    lines.push(
      "| Scenario | engine untuned | ali-oss defaults | ali-oss tuned | engine ÷ ali-oss defaults | raw PUTs | this machine's ceiling |",
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of r.scenarios) {
      const sc = s.scenario;
      lines.push(
        `| ${sc.name} (${sc.latencyMs} ms, ${n(sc.perConnectionBandwidth / 1e6, 0)} MB/s per connection, ${n(sc.bandwidth / 1e6, 0)} MB/s link${sc.resetRate > 0 ? `, ${n(100 * sc.resetRate, 0)}% resets` : ''}) | ${scenarioCell(s.engine)} | ${scenarioCell(s.aliOssDefault)} | ${scenarioCell(s.aliOssTuned)} | ${s.aliOssDefault.mbps > 0 ? n(s.engine.mbps / s.aliOssDefault.mbps, 2) : 'n/a'} | ${scenarioCell(s.ceiling)}, ×${s.ceiling.lanes} | ${machineCell(s.machine)} |`,
      );
    }
    lines.push('');
    const withBatch = r.scenarios.filter((s) => s.batch !== null);
    if (withBatch.length > 0) {
      const b0 = withBatch[0]!.batch!;
      lines.push(
        `Batch: ${b0.files} files of ${mib(b0.fileBytes)} per scenario, MB/s (share of the link); ali-oss defaults = multipartUpload one file after another, timed on the first ${b0.aliDefaultFiles}; ali-oss tuned = one \`put\` per file, 64 at once.`,
      );
      lines.push('');
      lines.push(
        "| Scenario | engine untuned | ali-oss defaults | ali-oss tuned | engine ÷ ali-oss tuned | this machine's ceiling |",
      );
      lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
      for (const s of withBatch) {
        const b = s.batch!;
        lines.push(
          `| ${s.scenario.name} | ${scenarioCell(b.engine)} | ${scenarioCell(b.aliOssDefault)} | ${scenarioCell(b.aliOssTuned)} | ${b.aliOssTuned.mbps > 0 ? n(b.engine.mbps / b.aliOssTuned.mbps, 2) : 'n/a'} | ${machineCell(s.machine)} |`,
        );
      }
      lines.push('');
    }
  }
  const p = r.plainHttp.detail;
  lines.push(
    `| Loopback, HTTPS and plain HTTP, rounds alternating, median of ${r.config.rounds} | MB/s HTTPS | MB/s HTTP | CPU s/GB HTTPS | CPU s/GB HTTP | TLS costs, CPU s/GB |`,
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const k of CONTENDERS) {
    const s = t.detail[k];
    lines.push(
      `| ${k} | ${n(s.mbps)} | ${n(p[k].mbps)} | ${n(s.cpuSecondsPerGB, 2)} | ${n(p[k].cpuSecondsPerGB, 2)} | ${n(s.cpuSecondsPerGB - p[k].cpuSecondsPerGB, 2)} |`,
    );
  }
  lines.push('');
  lines.push('| Target | Measured | Met |');
  lines.push('| --- | --- | :---: |');
  for (const target of r.targets)
    lines.push(`| ${target.name} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`);
  lines.push('');
  const m = r.memory;
  lines.push('| Memory and CPU | |');
  lines.push('| --- | --- |');
  lines.push(`| peak RSS, ${mib(r.config.loopbackFileBytes)} real file | ${mib(m.peakRss1GBBytes)} |`);
  lines.push(
    `| peak RSS, first part of a ${fileSize(r.config.firstPartsFileBytes)} sparse file | ${mib(m.peakRssHugeFileBytes)} (${n(m.hugeFileMBps)} MB/s confirmed, then canceled${m.hugeFileCleanedUp ? '' : ': LEFT SOMETHING BEHIND'}) |`,
  );
  if (m.hugePart !== null) {
    lines.push(
      `| peak RSS, ${mib(m.hugePart.fileBytes)} sparse file in ${mib(m.hugePart.partSize)} parts | ${mib(m.hugePart.peakRssBytes)} (${n(m.hugePart.mbps)} MB/s, CRC ${m.hugePart.crcOk ? 'ok' : 'WRONG'}) |`,
    );
  }
  lines.push(`| engine CPU per GB | ${n(m.cpuSecondsPerGB, 2)} s |`);
  lines.push(
    `| main-thread event-loop delay during full speed | p99 ${n(m.eventLoopP99Ms)} ms, max ${n(m.eventLoopMaxMs)} ms |`,
  );
  lines.push('');
  const q = r.queue;
  lines.push('| Queue scale | |');
  lines.push('| --- | --- |');
  lines.push(`| add ${q.files} files (scan + insert) | ${n(q.addMs, 0)} ms |`);
  lines.push(
    `| restore ${q.listedJobs} jobs (open + first queue:list) | ${n(q.restoreMs, 0)} ms (open ${n(q.openMs, 0)} ms) |`,
  );
  lines.push(
    `| progress events/s to a subscriber (${q.activeAtStart} active) | ${n(q.progressEventsPerSec)} (${n(q.changedRowsPerEvent)} rows each, at most ${q.maxChangedRows}; ${q.fullSnapshots} full; longest gap ${n(q.maxGapBetweenEventsMs, 0)} ms; event-loop p99 ${n(q.eventLoopP99Ms)} ms, max ${n(q.eventLoopMaxMs, 0)} ms) |`,
  );
  lines.push('');
  const f = r.fleet;
  lines.push(
    `| Team workers (${f.profile.partsPerWorker} connections each, ${n(f.profile.perConnectionBandwidth / 1e6)} MB/s per connection) | MB/s | ÷ 1 worker | of the caps | files in ${n(f.profile.windowMs / 1000, 0)} s |`,
  );
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const p of f.points) {
    lines.push(
      `| ${p.workers} | ${n(p.mbps, 2)} | ${n(p.vsOneWorker, 2)} | ${n(p.ofCap * 100, 0)}% | ${p.filesDone} |`,
    );
  }
  lines.push('');
  const c = r.cliStart;
  lines.push(
    `| CLI start (median of ${c.runs}) | wall | CPU | ÷ bare \`node -e 0\` (${n(c.nodeMs, 0)} ms) |`,
  );
  lines.push('| --- | ---: | ---: | ---: |');
  lines.push(
    `| \`vod-upload --help\` | ${n(c.helpMs, 0)} ms | ${n(c.helpCpuMs, 0)} ms | ${n(c.helpVsNode, 2)} |`,
  );
  lines.push(
    `| \`vod-upload status\`, ${c.statusJobs} jobs | ${n(c.statusMs, 0)} ms | ${n(c.statusCpuMs, 0)} ms | ${n(c.statusVsNode, 2)} |`,
  );
  lines.push('');
  lines.push(...reliabilityTables(r.reliability.killAnywhere, r.reliability.faultSoak));
  if (r.sweep !== null) {
    lines.push('');
    lines.push(`Sweep (engine alone, ${mib(r.config.sweepFileBytes ?? 0)} file, one run per cell, MB/s):`);
    lines.push(...sweepTables(r.sweep.loopback, r.sweep.wan));
    const f = r.sweep.filesAtOnceWan;
    if (f.length > 0) {
      lines.push('');
      lines.push(
        `WAN, ${f[0]!.files} files of ${mib(f[0]!.fileBytes)} (each smaller than a part), default part settings:`,
      );
      lines.push('');
      lines.push(`| files at once | ${f.map((p) => p.filesAtOnce).join(' | ')} |`);
      lines.push(`| --- | ${f.map(() => '---:').join(' | ')} |`);
      lines.push(`| MB/s | ${f.map((p) => n(p.mbps)).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Part size × parts in flight tables (MB/s), one per environment. */
export function sweepTables(loopback: readonly SweepPoint[], wan: readonly SweepPoint[]): string[] {
  const lines: string[] = [];
  for (const [env, points] of [
    ['loopback', loopback],
    ['WAN', wan],
  ] as const) {
    const parts = [...new Set(points.map((p) => p.partsInFlight))];
    const sizes = [...new Set(points.map((p) => p.partSizeMiB))];
    lines.push('');
    lines.push(`| ${env}: part size \\ parts in flight | ${parts.join(' | ')} |`);
    lines.push(`| --- | ${parts.map(() => '---:').join(' | ')} |`);
    for (const size of sizes) {
      const cells = parts.map((p) =>
        n(points.find((x) => x.partSizeMiB === size && x.partsInFlight === p)?.mbps ?? NaN),
      );
      lines.push(`| ${size} MiB | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}
