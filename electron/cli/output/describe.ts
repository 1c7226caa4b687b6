import type { BatchEvent, BatchSummary } from '../batch-tracker';
import { formatSize } from '../sizes';

/** One human line per event (the plain log and the lines above the bars). Progress has none. */
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
    case 'failed':
      return `FAILED    ${event.path}: ${event.code} ${event.message}`;
  }
}

export function describeSummary(summary: BatchSummary, interrupted: boolean): string {
  const parts = [`${summary.done.length} done`, `${summary.failed.length} failed`];
  if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped`);
  return `${interrupted ? 'Paused: ' : ''}${parts.join(', ')}.`;
}
