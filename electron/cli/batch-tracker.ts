import type { EngineEvent } from '../../shared/domain/engine-events';
import type { MediaKind } from '../../shared/domain/media-kind';
import type { JobView, SkippedEntry } from '../../shared/domain/queue';

/** One line of `--json` output (the summary line is separate: see BatchSummary). */
export type BatchEvent =
  | { event: 'queued'; path: string; size: number; kind: MediaKind }
  | { event: 'skipped'; path: string; reason: string }
  /** `resumedFrom`: bytes already on record when this run began (0 for a fresh upload). */
  | { event: 'started'; path: string; size: number; resumedFrom: number }
  | { event: 'progress'; path: string; bytesDone: number; size: number; speed: number }
  | { event: 'retrying'; path: string; attempt: number; code: string; message: string }
  | { event: 'done'; path: string; mediaId: string; kind: MediaKind }
  /** Already in VOD at this destination (an earlier upload of the same content): not sent again. */
  | { event: 'already'; path: string; mediaId: string; kind: MediaKind; destination: string | null }
  | { event: 'failed'; path: string; code: string; message: string };

/** A file already in VOD before this run: counts as done. */
export interface Previously {
  readonly path: string;
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly destination: string | null;
}

/**
 * The last line of `--json` output (other tools parse it). Every file of the run is in exactly one list:
 * `done` (in VOD: uploaded now, or `previously`), `failed` (not in VOD, with why), `unfinished` (still in the
 * queue after Ctrl-C, resumable), or `skipped` (not media: left out on purpose, not counted as a failure).
 */
export interface BatchSummary {
  done: { path: string; mediaId: string; kind: MediaKind; previously?: true; destination?: string | null }[];
  failed: { path: string; code: string; message: string }[];
  unfinished: { path: string; state: string; bytesDone: number; size: number }[];
  skipped: { path: string; reason: string }[];
}

/** What a run starts with besides its jobs. */
export interface BatchStart {
  /** Left out on purpose (not media, junk, hidden): reported, not counted. */
  readonly skipped?: readonly SkippedEntry[];
  /** Media that cannot be uploaded (empty, unreadable, a type VOD does not take named on its own). */
  readonly notUploadable?: readonly { path: string; code: string; message: string }[];
  readonly previously?: readonly Previously[];
}

interface Tracked {
  view: JobView;
  started: boolean;
  settled: boolean;
  lastAttempt: number;
  lastProgressAt: number;
  lastProgressBytes: number;
}

/**
 * Follows the jobs of one CLI run and turns what happens to them into output events. The lifecycle comes
 * from the engine's events, one per fact and in order, so nothing is folded away: started once, retrying once
 * per attempt, exactly one done or failed. The numbers (bytes, speed) come from the throttled snapshots:
 * progress at most once per `progressIntervalMs` per file. Pure: the caller feeds events, views and the clock.
 */
export class BatchTracker {
  private readonly jobs = new Map<string, Tracked>();
  private readonly outcomes: Omit<BatchSummary, 'unfinished'> = { done: [], failed: [], skipped: [] };
  private readonly opening: BatchEvent[] = [];
  private connections: number | undefined;

  public constructor(
    initial: readonly JobView[],
    start: BatchStart = {},
    private readonly progressIntervalMs = 1000,
  ) {
    for (const view of initial) {
      this.jobs.set(view.id, {
        view,
        started: false,
        settled: false,
        lastAttempt: 0,
        lastProgressAt: Number.NEGATIVE_INFINITY,
        lastProgressBytes: view.bytesDone,
      });
    }
    for (const s of start.skipped ?? []) {
      this.outcomes.skipped.push({ path: s.path, reason: s.reason });
      this.opening.push({ event: 'skipped', path: s.path, reason: s.reason });
    }
    for (const p of start.previously ?? []) {
      this.outcomes.done.push({ ...p, previously: true });
      this.opening.push({ event: 'already', ...p });
    }
    for (const f of start.notUploadable ?? []) {
      this.outcomes.failed.push({ ...f });
      this.opening.push({ event: 'failed', ...f });
    }
  }

  public has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /**
   * Events before anything moves: one queued per job (when `announce`), then the files settled before the
   * run (skipped, already in VOD, not uploadable).
   */
  public openingEvents(announce = true): BatchEvent[] {
    return [
      ...(announce
        ? [...this.jobs.values()].map(({ view }): BatchEvent => ({
            event: 'queued',
            path: view.path,
            size: view.size,
            kind: view.kind,
          }))
        : []),
      ...this.opening,
    ];
  }

  /** Feeds one engine event; returns what it means for this run's output. */
  public event(event: EngineEvent): BatchEvent[] {
    if (event.type === 'idle') return [];
    const job = this.jobs.get(event.jobId);
    if (job === undefined || job.settled) return [];
    const { view } = job;
    switch (event.type) {
      case 'job-started':
        return this.start(job, event.resumedFrom);
      case 'job-retrying':
        if (event.attempt === job.lastAttempt) return [];
        job.lastAttempt = event.attempt;
        return [
          {
            event: 'retrying',
            path: view.path,
            attempt: event.attempt,
            code: event.error.code,
            message: event.error.message,
          },
        ];
      case 'job-settled':
        job.view = { ...view, status: event.status };
        return [...(event.status.state === 'done' ? this.start(job, view.bytesDone) : []), this.settle(job)];
      case 'job-removed':
        job.view = { ...view, status: { state: 'canceled' } };
        return [this.settle(job)];
      // Kept for the summary of an interrupted run: where each unfinished file was left.
      case 'job-paused':
        job.view = { ...view, status: { state: 'paused' } };
        return [];
      case 'job-queued':
        job.view = { ...view, status: { state: 'queued' } };
        return [];
      default:
        return [];
    }
  }

  /** Feeds the latest numbers of a job (a snapshot's row); returns a progress event when one is due. */
  public progress(view: JobView, nowMs: number): BatchEvent[] {
    const job = this.jobs.get(view.id);
    if (job === undefined || job.settled) return [];
    job.view = view;
    if (
      !job.started ||
      view.bytesDone === job.lastProgressBytes ||
      nowMs - job.lastProgressAt < this.progressIntervalMs
    ) {
      return [];
    }
    job.lastProgressAt = nowMs;
    job.lastProgressBytes = view.bytesDone;
    return [
      {
        event: 'progress',
        path: view.path,
        bytesDone: view.bytesDone,
        size: view.size,
        speed: Math.round(view.speed),
      },
    ];
  }

  public allSettled(): boolean {
    for (const job of this.jobs.values()) if (!job.settled) return false;
    return true;
  }

  /** Jobs not settled yet. */
  public pendingIds(): string[] {
    return [...this.jobs.entries()].filter(([, job]) => !job.settled).map(([id]) => id);
  }

  /** Jobs moving now, in queue order: one progress bar each. */
  public active(): JobView[] {
    return [...this.jobs.values()]
      .filter((job) => job.started && !job.settled)
      .map((job) => job.view)
      .sort((a, b) => a.position - b.position);
  }

  /** The engine's requests in flight, from the latest snapshot (adaptive concurrency at work). */
  public noteConnections(active: number | undefined): void {
    this.connections = active;
  }

  /** Bytes of the whole batch: settled jobs count in full, so the total line reaches 100 %. */
  public totals(): {
    bytesDone: number;
    bytesTotal: number;
    speed: number;
    done: number;
    jobs: number;
    connections: number | undefined;
  } {
    let bytesDone = 0;
    let bytesTotal = 0;
    let speed = 0;
    let done = 0;
    for (const { view, settled } of this.jobs.values()) {
      bytesTotal += view.size;
      bytesDone += settled ? view.size : view.bytesDone;
      if (!settled) speed += view.speed;
      if (settled) done++;
    }
    return { bytesDone, bytesTotal, speed, done, jobs: this.jobs.size, connections: this.connections };
  }

  public summary(): BatchSummary {
    return {
      done: [...this.outcomes.done],
      failed: [...this.outcomes.failed],
      unfinished: [...this.jobs.values()]
        .filter((job) => !job.settled)
        .sort((a, b) => a.view.position - b.view.position)
        .map(({ view }) => ({
          path: view.path,
          state: view.status.state,
          bytesDone: view.bytesDone,
          size: view.size,
        })),
      skipped: [...this.outcomes.skipped],
    };
  }

  private start(job: Tracked, resumedFrom: number): BatchEvent[] {
    if (job.started) return [];
    job.started = true;
    const { view } = job;
    return [{ event: 'started', path: view.path, size: view.size, resumedFrom }];
  }

  /** The job's one outcome line: done, or failed with a code (a missing source and a cancel are failures). */
  private settle(job: Tracked): BatchEvent {
    const { view } = job;
    const { status } = view;
    job.settled = true;
    let event: BatchEvent;
    switch (status.state) {
      case 'done':
        this.outcomes.done.push({ path: view.path, mediaId: status.mediaId, kind: view.kind });
        return { event: 'done', path: view.path, mediaId: status.mediaId, kind: view.kind };
      case 'failed':
        event = { event: 'failed', path: view.path, code: status.error.code, message: status.error.message };
        break;
      case 'source-missing':
        event = { event: 'failed', path: view.path, code: 'SOURCE_MISSING', message: status.reason };
        break;
      default:
        event = { event: 'failed', path: view.path, code: 'CANCELED', message: 'The upload was canceled.' };
    }
    this.outcomes.failed.push({ path: event.path, code: event.code, message: event.message });
    return event;
  }
}
