import type { BatchEvent, BatchSummary } from '../batch-tracker';
import type { CliIo } from '../cli-io';
import { formatSize } from '../sizes';
import { CauseGroups, describeSummary, describeUnfinished } from './describe';
import type { Reporter } from './reporter';

const MILESTONES = [25, 50, 75];

/** Not a terminal and no --json (cron, CI, a pipe): one plain line per file milestone on stdout. */
export class LogReporter implements Reporter {
  private readonly reached = new Map<string, number>();
  private readonly causes = new CauseGroups();

  public constructor(private readonly io: CliIo) {}

  public event(event: BatchEvent): void {
    if (event.event === 'progress') {
      const percent = event.size > 0 ? (event.bytesDone / event.size) * 100 : 0;
      const milestone = MILESTONES.filter((m) => percent >= m).at(-1);
      if (milestone !== undefined && milestone > (this.reached.get(event.path) ?? 0)) {
        this.reached.set(event.path, milestone);
        this.line(
          `${`${milestone}%`.padEnd(10)}${event.path} (${formatSize(event.bytesDone)} of ${formatSize(event.size)}, ${formatSize(event.speed)}/s)`,
        );
      }
      return;
    }
    const text = this.causes.line(event);
    if (text !== undefined) this.line(text);
  }

  public render(): void {
    // Plain logs have no live view.
  }

  public note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  public finish(summary: BatchSummary, interrupted: boolean): void {
    for (const line of [...this.causes.totals(), ...describeUnfinished(summary)]) this.line(line);
    this.line(describeSummary(summary, interrupted));
  }

  private line(text: string) {
    this.io.stdout.write(`${text}\n`);
  }
}
