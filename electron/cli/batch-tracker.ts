import { isActiveState } from '../../shared/domain/job-status';
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
  | { event: 'failed'; path: string; code: string; message: string };

/** The last line of `--json` output, exactly this shape (other tools parse it). */
export interface BatchSummary {
  done: { path: string; mediaId: string; kind: MediaKind }[];
  failed: { path: string; code: string; message: string }[];
  skipped: { path: string; reason: string }[];
}

interface Tracked {
  view: JobView;
  started: boolean;
  settled: boolean;
  lastAttempt: number;
  lastProgressAt: number;
  lastProgressBytes: number;
  readonly initialBytes: number;
}

/**
 * Follows the jobs of one CLI run through the engine's snapshots and turns their changes into events: started
 * once, retrying once per attempt, progress at most once per `progressIntervalMs` per file, and exactly one
 * done or failed. Snapshots are throttled, so a job may jump states (queued → done); the events still come
 * out whole. Pure: the caller feeds views and the clock.
 */
export class BatchTracker {
  private readonly jobs = new Map<string, Tracked>();
  private readonly outcomes: BatchSummary = { done: [], failed: [], skipped: [] };

  public constructor(
    initial: readonly JobView[],
    skipped: readonly SkippedEntry[] = [],
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
        initialBytes: view.bytesDone,
      });
    }
    this.outcomes.skipped.push(...skipped.map((s) => ({ path: s.path, reason: s.reason })));
  }

  public has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** Events for a fresh run: one queued per job, one skipped per file left out. */
  public openingEvents(): BatchEvent[] {
    return [
      ...[...this.jobs.values()].map(({ view }): BatchEvent => ({
        event: 'queued',
        path: view.path,
        size: view.size,
        kind: view.kind,
      })),
      ...this.outcomes.skipped.map((s): BatchEvent => ({ event: 'skipped', ...s })),
    ];
  }

  /** Feeds the latest view of a job; returns what happened to it since the previous one. */
  public update(view: JobView, nowMs: number): BatchEvent[] {
    const job = this.jobs.get(view.id);
    if (job === undefined || job.settled) return [];
    job.view = view;
    const events: BatchEvent[] = [];
    const { status } = view;
    if (!job.started && (isActiveState(status.state) || status.state === 'done')) {
      job.started = true;
      events.push({ event: 'started', path: view.path, size: view.size, resumedFrom: job.initialBytes });
    }
    if (status.state === 'retrying' && status.attempt !== job.lastAttempt) {
      job.lastAttempt = status.attempt;
      events.push({
        event: 'retrying',
        path: view.path,
        attempt: status.attempt,
        code: status.lastError.code,
        message: status.lastError.message,
      });
    }
    if (
      (status.state === 'uploading' || status.state === 'verifying') &&
      view.bytesDone !== job.lastProgressBytes &&
      nowMs - job.lastProgressAt >= this.progressIntervalMs
    ) {
      job.lastProgressAt = nowMs;
      job.lastProgressBytes = view.bytesDone;
      events.push({
        event: 'progress',
        path: view.path,
        bytesDone: view.bytesDone,
        size: view.size,
        speed: Math.round(view.speed),
      });
    }
    const outcome = this.settle(view);
    if (outcome) events.push(outcome);
    return events;
  }

  public allSettled(): boolean {
    for (const job of this.jobs.values()) if (!job.settled) return false;
    return true;
  }

  /** Jobs not settled yet (to poll the store for, in case a snapshot was missed). */
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

  /** Bytes of the whole batch: settled jobs count in full, so the total line reaches 100 %. */
  public totals(): { bytesDone: number; bytesTotal: number; speed: number; done: number; jobs: number } {
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
    return { bytesDone, bytesTotal, speed, done, jobs: this.jobs.size };
  }

  public summary(): BatchSummary {
    return {
      done: [...this.outcomes.done],
      failed: [...this.outcomes.failed],
      skipped: [...this.outcomes.skipped],
    };
  }

  private settle(view: JobView): BatchEvent | undefined {
    const job = this.jobs.get(view.id);
    if (job === undefined) return undefined;
    const { status } = view;
    let event: BatchEvent;
    switch (status.state) {
      case 'done':
        event = { event: 'done', path: view.path, mediaId: status.mediaId, kind: view.kind };
        this.outcomes.done.push({ path: view.path, mediaId: status.mediaId, kind: view.kind });
        break;
      case 'failed':
        event = { event: 'failed', path: view.path, code: status.error.code, message: status.error.message };
        break;
      case 'source-missing':
        event = { event: 'failed', path: view.path, code: 'SOURCE_MISSING', message: status.reason };
        break;
      case 'canceled':
        event = { event: 'failed', path: view.path, code: 'CANCELED', message: 'The upload was canceled.' };
        break;
      default:
        return undefined;
    }
    job.settled = true;
    if (event.event === 'failed') {
      this.outcomes.failed.push({ path: event.path, code: event.code, message: event.message });
    }
    return event;
  }
}
