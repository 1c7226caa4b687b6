import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * This thread's user + system CPU in ms, from /proc/thread-self/stat (Linux; 10 ms ticks), or undefined
 * elsewhere. process.cpuUsage counts every thread (read workers, V8's GC helpers), this the main thread alone.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

export interface ProcessMetrics {
  readonly wallMs: number;
  /** User + system CPU of the whole process (worker threads included). */
  readonly cpuMs: number;
  /** The main thread's share of cpuMs (Linux only): HTTP, TLS, SQLite and the engine's own work. */
  readonly mainThreadCpuMs?: number;
  /** Highest RSS seen by sampling every 50 ms during the measured span. */
  readonly peakRssBytes: number;
  /** The kernel's high-water mark for the process's whole life (ru_maxrss), for comparison. */
  readonly maxRssBytes: number;
  /** Event-loop delay of this (main) thread over the span, ms. */
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

/** Starts measuring this process; call the returned function at the end of the span. */
export function startProcessMetrics(): () => ProcessMetrics {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = threadCpuMs();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return () => {
    clearInterval(sampler);
    delay.disable();
    peak = Math.max(peak, process.memoryUsage.rss());
    const used = process.cpuUsage(cpu);
    const mainEnd = threadCpuMs();
    return {
      wallMs: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      ...(mainCpu !== undefined && mainEnd !== undefined ? { mainThreadCpuMs: mainEnd - mainCpu } : {}),
      peakRssBytes: peak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      // The histogram is in nanoseconds.
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
    };
  };
}
