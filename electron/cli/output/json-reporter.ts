import type { BatchEvent, BatchSummary } from '../batch-tracker';
import type { CliIo } from '../cli-io';
import type { Reporter } from './reporter';

/** `--json`: one event object per line on stdout, the summary line last; remarks go to stderr. */
export class JsonReporter implements Reporter {
  public constructor(private readonly io: CliIo) {}

  public event(event: BatchEvent): void {
    this.io.stdout.write(`${JSON.stringify(event)}\n`);
  }

  public render(): void {
    // Progress is carried by the throttled `progress` events.
  }

  public note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  public finish(summary: BatchSummary): void {
    const line: BatchSummary = {
      done: summary.done,
      failed: summary.failed,
      unfinished: summary.unfinished,
      skipped: summary.skipped,
    };
    this.io.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
