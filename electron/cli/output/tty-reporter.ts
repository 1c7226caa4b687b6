import type { BatchEvent, BatchSummary, BatchTracker } from '../batch-tracker';
import type { CliIo } from '../cli-io';
import { CauseGroups, describeSummary, describeUnfinished } from './describe';
import { LiveArea } from './live-area';
import { renderFrame, type LiveView } from './live-frame';
import type { Reporter } from './reporter';

/**
 * A terminal: a line per file as it starts, retries, finishes or fails, scrolling above a live area (stderr)
 * that holds the batch's total with its ETA and one line per file moving now. A finished file leaves the live
 * area at once. Colours unless NO_COLOR is set.
 */
export class TtyReporter implements Reporter {
  private readonly area: LiveArea;
  private readonly color: boolean;
  private readonly causes = new CauseGroups();

  public constructor(private readonly io: CliIo) {
    this.area = new LiveArea(io.stderr);
    this.color = colorAllowed(io.env);
  }

  public event(event: BatchEvent): void {
    // Per-file "queued" lines would flood the screen for a big folder; the command notes the count instead.
    if (event.event === 'queued' || event.event === 'progress') return;
    const text = this.causes.line(event);
    if (text !== undefined) this.area.log(this.paintEvent(event, text));
  }

  public render(tracker: BatchTracker): void {
    const totals = tracker.totals();
    const remaining = Math.max(0, totals.bytesTotal - totals.bytesDone);
    const view: LiveView = {
      ...totals,
      etaSeconds: totals.speed > 0 ? remaining / totals.speed : null,
      active: tracker.active().map((job) => ({
        id: job.id,
        name: job.name,
        size: job.size,
        bytesDone: job.bytesDone,
        speed: job.speed,
        state: job.status.state,
      })),
    };
    const rows = this.io.stderr.rows ?? 24;
    this.area.draw(
      renderFrame(view, {
        columns: this.io.stderr.columns ?? 80,
        color: this.color,
        // The live area must stay on screen, or moving back over it would leave fragments.
        maxFiles: Math.max(1, Math.min(12, rows - 3)),
      }),
    );
  }

  public note(text: string): void {
    this.area.log(text);
  }

  public finish(summary: BatchSummary, interrupted: boolean): void {
    this.area.clear();
    for (const line of [...this.causes.totals(), ...describeUnfinished(summary)]) {
      this.io.stderr.write(`${line}\n`);
    }
    this.io.stdout.write(`${describeSummary(summary, interrupted)}\n`);
  }

  private paintEvent(event: BatchEvent, text: string): string {
    if (!this.color) return text;
    if (event.event === 'failed') return `\x1b[31m${text}\x1b[39m`;
    if (event.event === 'retrying') return `\x1b[33m${text}\x1b[39m`;
    if (event.event === 'done' || event.event === 'already') return `\x1b[32m${text}\x1b[39m`;
    return text;
  }
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal. */
export function colorAllowed(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env['NO_COLOR'] && env['TERM'] !== 'dumb';
}
