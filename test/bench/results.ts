import type { ContenderName, ContenderSummary, EngineLimits } from './sections/contenders';
import type { CliStartResult } from './sections/cli-start';
import type { QueueResult } from './sections/queue';
import type { KillAnywhereResult } from './sections/kill-anywhere';
import type { SoakResult } from './sections/reliability';
import type { FleetResult } from './sections/fleet';
import type { ScaleResult } from './sections/scale';
import type { ScenarioResult } from './sections/scenarios';
import type { FilesAtOncePoint, SweepPoint } from './sections/sweep';

/** bench-results/latest.json. The top-level keys follow issue 9; `detail` keeps every run for later analysis. */
export interface BenchResults {
  readonly date: string;
  readonly mode: 'full' | 'quick';
  /** The commit measured; engineDirty when electron/core or shared had uncommitted changes. */
  readonly revision: { commit: string; engineDirty: boolean };
  readonly durationSec: number;
  readonly machine: {
    cores: number;
    cpuModel: string;
    memoryBytes: number;
    node: string;
    platform: string;
    arch: string;
    /** Other work on the machine: the 1-minute load average when the run started and ended. */
    loadAverage1m: { start: number; end: number };
  };
  readonly config: {
    engine: EngineLimits;
    loopbackFileBytes: number;
    wanFileBytes: number;
    firstPartsFileBytes: number;
    rounds: number;
    sweepFileBytes: number | null;
  };
  /** The loopback comparison over plain HTTP, rounds alternating with HTTPS's: what TLS costs each contender. */
  readonly plainHttp: {
    engineMBps: number;
    aliOssDefaultMBps: number;
    aliOssTunedMBps: number;
    rawPutMBps: number;
    engineCpuSecondsPerGB: number;
    detail: Record<ContenderName, ContenderSummary>;
  };
  readonly throughput: {
    engineMBps: number;
    aliOssDefaultMBps: number;
    aliOssTunedMBps: number;
    rawPutMBps: number;
    engineVsAliOssDefault: number;
    engineVsAliOssTuned: number;
    engineVsRawPut: number;
    detail: Record<ContenderName, ContenderSummary>;
  };
  readonly wan: {
    engineMBps: number;
    aliOssDefaultMBps: number;
    aliOssTunedMBps: number;
    rawPutMBps: number;
    linkCapMBps: number;
    perConnectionMBps: number;
    latencyMs: number;
    engineVsLinkCap: number;
    engineVsAliOssDefault: number;
    engineVsAliOssTuned: number;
    detail: Record<ContenderName, ContenderSummary>;
  };
  readonly memory: {
    peakRss1GBBytes: number;
    /** Peak RSS while the first part of the huge sparse file (10 TiB on a full run) uploads. */
    peakRssHugeFileBytes: number;
    /** Peak RSS with the huge sparse file ÷ with the real file: ≈ 1 when memory does not grow with size. */
    growth: number;
    /** Bytes OSS confirmed before the huge file's run stopped, and their rate over the measured span. */
    hugeFileConfirmedBytes: number;
    hugeFileMBps: number;
    /** The huge file's job was canceled with nothing left in VOD or open on OSS. */
    hugeFileCleanedUp: boolean;
    cpuSecondsPerGB: number;
    eventLoopP99Ms: number;
    eventLoopMaxMs: number;
    /** A sparse file uploaded in 5 GiB parts (full run only). */
    hugePart: {
      fileBytes: number;
      partSize: number;
      peakRssBytes: number;
      mbps: number;
      crcOk: boolean;
    } | null;
  };
  readonly scenarios: ScenarioResult[];
  readonly queue: QueueResult;
  /** Queue scale on both stores (issue 19): sections/scale.ts. */
  readonly scale: ScaleResult;
  /** Aggregate upload throughput of 1, 2 and 4 team workers (issue 19): sections/fleet.ts. */
  readonly fleet: FleetResult;
  readonly cliStart: CliStartResult;
  readonly reliability: { killAnywhere: KillAnywhereResult; faultSoak: SoakResult };
  readonly sweep: { loopback: SweepPoint[]; wan: SweepPoint[]; filesAtOnceWan: FilesAtOncePoint[] } | null;
  readonly targets: { name: string; measured: string; met: boolean }[];
}
