import type { BatchEvent, BatchSummary } from '../batch-tracker';
import { formatSize } from '../sizes';

/** One human line per event (the plain log and the lines above the live area). Progress has none. */
export function describeEvent(event: BatchEvent): string | undefined {
  switch (event.event) {
    case 'queued':
      return `queued    ${event.path} (${formatSize(event.size)}, ${event.kind})`;
    case 'skipped':
      return `skipped   ${event.path}: ${event.reason}`;
    case 'started':
      return event.resumedFrom > 0
        ? `resuming  ${event.path} at ${formatSize(event.resumedFrom)} of ${formatSize(event.size)}`
        : `started   ${event.path}`;
    case 'progress':
      return undefined;
    case 'retrying':
      return `retrying  ${event.path} (attempt ${event.attempt}): ${event.code} ${event.message}`;
    case 'done':
      return `done      ${event.path} -> ${event.mediaId}`;
    case 'already':
      return `in VOD    ${event.path} -> ${event.mediaId} (uploaded earlier${event.destination ? ` to ${event.destination}` : ''}; --force sends it again)`;
    case 'failed':
      return `FAILED    ${event.path}: ${event.code} ${event.message}`;
  }
}

/**
 * Folds repeated causes for people: the first retry (or failure) with a code is printed with its message;
 * later ones with the same code are counted and told once, as a total, at the end. A wrong key on 24 files is
 * one line and a count, not 96 lines. (JSON output keeps one event per file: programs count for themselves.)
 */
export class CauseGroups {
  private readonly retries = new Map<string, { files: Set<string>; retries: number }>();
  private readonly failures = new Map<string, { message: string; files: number }>();

  /** The line to print for this event now, or undefined when its cause was already told. */
  public line(event: BatchEvent): string | undefined {
    if (event.event === 'retrying') {
      const group = this.retries.get(event.code);
      if (group) {
        group.files.add(event.path);
        group.retries++;
        return undefined;
      }
      this.retries.set(event.code, { files: new Set([event.path]), retries: 1 });
      return `${describeEvent(event)} (further retries for ${event.code} are counted at the end)`;
    }
    if (event.event === 'failed') {
      const group = this.failures.get(event.code);
      if (group) {
        group.files++;
        return `FAILED    ${event.path}: ${event.code} (as above)`;
      }
      this.failures.set(event.code, { message: event.message, files: 1 });
    }
    return describeEvent(event);
  }

  /** One line per cause that came up more than once. */
  public totals(): string[] {
    const lines: string[] = [];
    for (const [code, group] of this.retries) {
      if (group.retries > 1) {
        lines.push(`${code}: ${group.retries} retries over ${group.files.size} file(s).`);
      }
    }
    for (const [code, group] of this.failures) {
      if (group.files > 1) lines.push(`${code}: ${group.files} files failed: ${group.message}`);
    }
    return lines;
  }
}

export function describeSummary(summary: BatchSummary, interrupted: boolean): string {
  const previously = summary.done.filter((d) => d.previously).length;
  const parts = [
    `${summary.done.length} in VOD${previously > 0 ? ` (${previously} uploaded earlier)` : ''}`,
    `${summary.failed.length} failed`,
  ];
  if (summary.unfinished.length > 0) parts.push(`${summary.unfinished.length} unfinished`);
  if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped`);
  return `${interrupted ? 'Paused: ' : ''}${parts.join(', ')}.`;
}

/** One line per file still unfinished (after Ctrl-C), with how far it got. */
export function describeUnfinished(summary: BatchSummary): string[] {
  return summary.unfinished.map(
    (u) => `unfinished ${u.path} (${u.state}, ${formatSize(u.bytesDone)} of ${formatSize(u.size)} on record)`,
  );
}
