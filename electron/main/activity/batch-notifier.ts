import type { EngineEvent } from '../../../shared/domain/engine-events';
import { isAllowed } from '../../../shared/domain/job-actions';

/** How a batch ended, in no language: the presenter words it (i18n/main-text.ts). */
export type BatchNotice =
  { readonly kind: 'finished' } | { readonly kind: 'attention'; readonly failed: number };

/**
 * Decides when a batch is over from the engine's events: the engine went idle after working. It says so
 * once per batch, and says "needs attention" instead of "finished" when jobs failed during it (counted as
 * they fail, whatever happens to older failures meanwhile). It does not notify when the user paused what was
 * left (they know), nor when nothing finished (a start-up with an idle queue, everything canceled).
 */
export class BatchNotifier {
  private finished = 0;
  private failed = 0;
  private readonly paused = new Set<string>();

  public next(event: EngineEvent): BatchNotice | null {
    switch (event.type) {
      case 'job-paused':
        this.paused.add(event.jobId);
        return null;
      case 'job-queued':
      case 'job-started':
      case 'job-removed':
        this.paused.delete(event.jobId);
        return null;
      case 'job-settled':
        this.paused.delete(event.jobId);
        if (event.status.state === 'done') this.finished++;
        // A job that stopped and waits for a person to retry it: failed, or its source is missing.
        else if (isAllowed(event.status.state, 'retry')) this.failed++;
        return null;
      case 'idle':
        return this.batchEnded();
      default:
        return null;
    }
  }

  private batchEnded(): BatchNotice | null {
    const { finished, failed } = this;
    this.finished = 0;
    this.failed = 0;
    if (failed > 0) return { kind: 'attention', failed };
    if (this.paused.size > 0 || finished === 0) return null;
    return { kind: 'finished' };
  }
}
