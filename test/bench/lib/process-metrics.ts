import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessMetrics {
  readonly wallMs: number;
  /** User + system CPU of the whole process (worker threads included). */
  readonly cpuMs: number;
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
    return {
      wallMs: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      peakRssBytes: peak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      // The histogram is in nanoseconds.
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
    };
  };
}
