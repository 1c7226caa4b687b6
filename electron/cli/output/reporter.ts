import type { BatchEvent, BatchSummary, BatchTracker } from '../batch-tracker';

/** How a run shows itself: JSON lines, plain log lines, or live bars on a terminal. */
export interface Reporter {
  event(event: BatchEvent): void;
  /** Redraws live progress (bars only); the runner calls it at most ~10 times a second. */
  render(tracker: BatchTracker): void;
  /** A remark for people; on stderr when stdout carries JSON. */
  note(text: string): void;
  /** The last output of the run. */
  finish(summary: BatchSummary, interrupted: boolean): void;
}
