import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { BatchEvent, BatchSummary, BatchTracker } from '../batch-tracker';
import type { CliIo } from '../cli-io';
import { formatSize } from '../sizes';
import { describeEvent, describeSummary } from './describe';
import type { Reporter } from './reporter';

const LABEL_WIDTH = 32;

/** A terminal: a total line and one bar per active file on stderr (cli-progress, ≤10 redraws/s). */
export class TtyReporter implements Reporter {
  private readonly bars: MultiBar;
  private total: SingleBar | undefined;
  private readonly fileBars = new Map<string, SingleBar>();

  public constructor(private readonly io: CliIo) {
    this.bars = new MultiBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        fps: 10,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
        format: '{label} {bar} {percentage}% {amount} {rate}',
      },
      Presets.shades_classic,
    );
  }

  public event(event: BatchEvent): void {
    // Per-file "queued" lines would flood the screen for a big folder; the command notes the count instead.
    if (event.event === 'queued' || event.event === 'progress') return;
    const text = describeEvent(event);
    if (text !== undefined) this.bars.log(`${text}\n`);
  }

  public render(tracker: BatchTracker): void {
    const totals = tracker.totals();
    const totalPayload = {
      label: fit(`Total ${totals.done}/${totals.jobs} files`),
      amount: `${formatSize(totals.bytesDone)}/${formatSize(totals.bytesTotal)}`,
      rate: `${formatSize(totals.speed)}/s`,
    };
    if (this.total === undefined) {
      this.total = this.bars.create(Math.max(1, totals.bytesTotal), totals.bytesDone, totalPayload);
    } else {
      this.total.setTotal(Math.max(1, totals.bytesTotal));
      this.total.update(totals.bytesDone, totalPayload);
    }
    const active = tracker.active();
    const activeIds = new Set(active.map((v) => v.id));
    for (const [id, bar] of this.fileBars) {
      if (!activeIds.has(id)) {
        this.bars.remove(bar);
        this.fileBars.delete(id);
      }
    }
    for (const view of active) {
      const payload = {
        label: fit(view.name),
        amount: `${formatSize(view.bytesDone)}/${formatSize(view.size)}`,
        rate: view.status.state === 'retrying' ? 'retrying' : `${formatSize(view.speed)}/s`,
      };
      const bar = this.fileBars.get(view.id);
      if (bar === undefined) {
        this.fileBars.set(view.id, this.bars.create(Math.max(1, view.size), view.bytesDone, payload));
      } else {
        bar.update(view.bytesDone, payload);
      }
    }
  }

  public note(text: string): void {
    this.bars.log(`${text}\n`);
  }

  public finish(summary: BatchSummary, interrupted: boolean): void {
    this.bars.stop();
    this.io.stdout.write(`${describeSummary(summary, interrupted)}\n`);
  }
}

function fit(label: string): string {
  return label.length > LABEL_WIDTH ? `…${label.slice(-(LABEL_WIDTH - 1))}` : label.padEnd(LABEL_WIDTH);
}
