import type { RunLimits } from '../core/app/app-services';
import { BatchTracker, type BatchStart } from './batch-tracker';
import { ExitCode } from './cli-error';
import type { CliIo } from './cli-io';
import type { Reporter } from './output/reporter';
import type { Session } from './session';

export interface BatchRunOptions {
  readonly session: Session;
  readonly io: CliIo;
  readonly reporter: Reporter;
  readonly jobIds: readonly string[];
  /** Files settled before the run: skipped, already in VOD, not uploadable. */
  readonly start: BatchStart;
  readonly limits: RunLimits;
  /** Announce each job as queued (upload) or not (resume: they were queued before). */
  readonly announce: boolean;
  /** The command that continues this run, for the message after Ctrl-C. */
  readonly resumeHint: string;
  /**
   * Start only this run's jobs: other queued jobs (other batches) stay queued and untouched, so `upload`
   * sends exactly the files it was given.
   */
  readonly onlyTheseJobs: boolean;
  /** SIGTERM lets parts in flight finish for at most this long. */
  readonly drainTimeoutMs: number;
}

const RENDER_INTERVAL_MS = 100;

/**
 * Runs jobs to the end: applies the run's limits to this process's engine, starts it, reports every change
 * of these jobs from the engine's events (numbers from its snapshots), and returns when each is done,
 * failed, canceled or missing its source: exit 0 when every file of the run is in VOD, 1 when any is not
 * (docs/cli.md, "What the exit status means"). SIGINT stops at once, cleanly (in-flight requests aborted,
 * finished parts kept, jobs back in the queue); SIGTERM (a service manager's stop) drains: parts in flight
 * finish and are recorded first, so none is sent twice. Both return 130; a second signal leaves at once.
 * The session is closed on return.
 */
export async function runBatch(options: BatchRunOptions): Promise<number> {
  const { session, io, reporter } = options;
  const { services } = session;
  const mine = new Set(options.jobIds);
  const views = (await session.call('queue:list', {})).jobs.filter((job) => mine.has(job.id));
  const tracker = new BatchTracker(views, options.start);
  for (const event of tracker.openingEvents(options.announce)) reporter.event(event);
  services.applyRunLimits(options.limits);

  let wake: () => void = () => undefined;
  const offEvents = services.onEngineEvent((event) => {
    for (const out of tracker.event(event)) reporter.event(out);
    if (tracker.allSettled()) wake();
  });
  const offSnapshots = services.onSnapshot((snapshot) => {
    const now = Date.now();
    tracker.noteConnections(snapshot.totals.connections?.active);
    for (const view of snapshot.changed) for (const out of tracker.progress(view, now)) reporter.event(out);
  });
  const render = setInterval(() => reporter.render(tracker), RENDER_INTERVAL_MS);

  let interrupted: string | undefined;
  let draining: Promise<unknown> | undefined;
  const stopListening = io.onInterrupt((signal) => {
    if (interrupted !== undefined) {
      io.stderr.write('\nStopping at once; finished parts are kept, in-flight ones will be sent again.\n');
      io.forceExit(ExitCode.Interrupted);
    }
    interrupted = signal;
    if (signal === 'SIGTERM') {
      io.stderr.write(`\n${drainingNote(options.drainTimeoutMs)}\n`);
      draining = services.drainUploads({ timeoutMs: options.drainTimeoutMs });
    } else {
      io.stderr.write('\nCtrl-C: pausing (press Ctrl-C again to quit at once)…\n');
    }
    wake();
  });

  try {
    services.startUploads(options.onlyTheseJobs ? { only: options.jobIds } : {});
    while (!tracker.allSettled() && interrupted === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    reporter.render(tracker);
  } finally {
    clearInterval(render);
    offSnapshots();
    if (interrupted === undefined) await services.whenIdle();
    await draining;
    // Still listening while the engine stops: each unfinished job's last state goes into the summary.
    await session.close();
    offEvents();
    stopListening();
  }

  const summary = tracker.summary();
  reporter.finish(summary, interrupted !== undefined);
  if (interrupted !== undefined) {
    const stopped = interrupted === 'SIGTERM' ? 'Stopped' : 'Paused';
    io.stderr.write(
      `${stopped}. Every unfinished upload keeps its finished parts; continue with:\n  ${options.resumeHint}\n`,
    );
    return ExitCode.Interrupted;
  }
  return summary.failed.length > 0 || summary.unfinished.length > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
}

/** What SIGTERM does, said as it starts. */
export function drainingNote(timeoutMs: number): string {
  return `SIGTERM: finishing the parts in flight (at most ${Math.round(timeoutMs / 1000)} s; a second signal quits at once)…`;
}
