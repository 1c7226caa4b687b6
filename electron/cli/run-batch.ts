import { isAllowed } from '../../shared/domain/job-actions';
import type { SkippedEntry } from '../../shared/domain/queue';
import type { Settings } from '../../shared/domain/settings';
import { toJobView } from '../core/queue/job-row';
import type { RunLimits } from './args';
import { BatchTracker } from './batch-tracker';
import { ExitCode } from './cli-error';
import type { CliIo } from './cli-io';
import type { Reporter } from './output/reporter';
import type { Session } from './session';

export interface BatchRunOptions {
  readonly session: Session;
  readonly io: CliIo;
  readonly reporter: Reporter;
  readonly jobIds: readonly string[];
  readonly skipped: readonly SkippedEntry[];
  readonly limits: RunLimits;
  /** Announce each job as queued (upload) or not (resume: they were queued before). */
  readonly announce: boolean;
  /** The command that continues this run, for the message after Ctrl-C. */
  readonly resumeHint: string;
  /**
   * Queued jobs of other batches are held back (paused) while this run works, and handed back to the queue
   * afterwards, so `upload` sends exactly the files it was given.
   */
  readonly holdBackOthers: boolean;
}

const RENDER_INTERVAL_MS = 100;
const POLL_INTERVAL_MS = 500;

/**
 * Runs jobs to the end: applies the run's limits, starts the engine, reports every change of these jobs,
 * and returns when each is done, failed, canceled or missing its source (exit 0 all done, 1 some failed).
 * SIGINT/SIGTERM pause cleanly (in-flight requests aborted, finished parts kept, jobs back in the queue) and
 * return 130; a second one leaves at once. The session is closed on return.
 */
export async function runBatch(options: BatchRunOptions): Promise<number> {
  const { session, io, reporter } = options;
  const { store, engine } = session.internals;
  const views = options.jobIds.flatMap((id) => {
    const row = store.jobs.get(id);
    return row ? [toJobView(row)] : [];
  });
  const tracker = new BatchTracker(views, options.skipped);
  if (options.announce) for (const event of tracker.openingEvents()) reporter.event(event);
  else for (const s of options.skipped) reporter.event({ event: 'skipped', ...s });

  const restore = await applyLimits(session, options.limits);
  const heldBack = options.holdBackOthers ? await holdBack(session, new Set(options.jobIds)) : [];

  let wake: () => void = () => undefined;
  const changed = () => wake();
  const feed = (jobViews: ReturnType<typeof toJobView>[]) => {
    const now = Date.now();
    for (const view of jobViews) {
      if (!tracker.has(view.id)) continue;
      for (const event of tracker.update(view, now)) reporter.event(event);
    }
    if (tracker.allSettled()) changed();
  };
  const unsubscribe = session.services.onSnapshot((snapshot) => feed(snapshot.changed));
  // Snapshots are the live feed; this poll is the safety net for a state a throttled snapshot folded away.
  const poll = setInterval(() => {
    feed(
      tracker.pendingIds().flatMap((id) => {
        const row = store.jobs.get(id);
        return row ? [toJobView(row)] : [];
      }),
    );
  }, POLL_INTERVAL_MS);
  const render = setInterval(() => reporter.render(tracker), RENDER_INTERVAL_MS);

  let interrupted: string | undefined;
  const stopListening = io.onInterrupt((signal) => {
    if (interrupted !== undefined) {
      io.stderr.write('\nStopping at once; finished parts are kept, in-flight ones will be sent again.\n');
      io.forceExit(ExitCode.Interrupted);
    }
    interrupted = signal;
    io.stderr.write(
      `\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: pausing (press Ctrl-C again to quit at once)…\n`,
    );
    changed();
  });

  try {
    feed(views);
    engine.start();
    while (!tracker.allSettled() && interrupted === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    reporter.render(tracker);
  } finally {
    clearInterval(poll);
    clearInterval(render);
    unsubscribe();
    if (interrupted === undefined) await engine.whenIdle();
    // Hand held-back jobs back before the engine closes: nothing pumps between these two calls.
    releaseHeldBack(session, heldBack);
    if (restore) session.internals.store.settings.set(restore);
    await session.close();
    stopListening();
  }

  const summary = tracker.summary();
  reporter.finish(summary, interrupted !== undefined);
  if (interrupted !== undefined) {
    io.stderr.write(
      `Paused. Every unfinished upload keeps its finished parts; continue with:\n  ${options.resumeHint}\n`,
    );
    return ExitCode.Interrupted;
  }
  return summary.failed.length > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
}

/** Applies --files/--parts/--part-size/--limit-rate; returns the values to put back after the run. */
async function applyLimits(session: Session, limits: RunLimits): Promise<Partial<Settings> | undefined> {
  const keys = Object.keys(limits) as (keyof RunLimits)[];
  if (keys.length === 0) return undefined;
  const before = await session.call('settings:get', {});
  await session.call('settings:set', limits);
  return Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<Settings>;
}

async function holdBack(session: Session, mine: ReadonlySet<string>): Promise<string[]> {
  const others = session.internals.store.jobs
    .listByState(['queued'])
    .map((row) => row.id)
    .filter((id) => !mine.has(id));
  if (others.length > 0) await session.internals.engine.pause(others);
  return others;
}

function releaseHeldBack(session: Session, ids: readonly string[]) {
  const { store } = session.internals;
  for (const id of ids) {
    const state = store.jobs.get(id)?.status.state;
    if (state !== undefined && isAllowed(state, 'resume')) store.jobs.setStatus(id, { state: 'queued' });
  }
}
