import type { JobView } from '../../../shared/domain/queue';
import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { formatSize } from '../sizes';
import { withReadOnlyStore } from './read-only-store';
import { createQueueService } from '../../core/queue/queue-service';

type StatusCommand = Extract<CliCommand, { name: 'status' }>;

/** `vod-upload status`: the queue as a table or JSON. Read-only, so it works while an upload runs. */
export async function statusCommand(cmd: StatusCommand, io: CliIo): Promise<number> {
  if (cmd.queue !== undefined) return (await import('./team-lists')).teamStatusCommand(cmd, io);
  const dataDir = resolveDataDir(cmd.dataDir, io);
  const listed = withReadOnlyStore(dataDir, (store) => ({
    ...createQueueService({ store }).list(),
    cleanups: store.ledger.pendingDeletions(),
  }));
  const { jobs, totals, cleanups } = listed ?? {
    jobs: [],
    totals: { jobs: 0, active: 0, bytesTotal: 0, bytesDone: 0, speed: 0, etaSeconds: null, counts: {} },
    cleanups: [],
  };
  if (cmd.json) {
    const pendingCleanups = cleanups.map((d) => ({
      mediaId: d.mediaId,
      kind: d.kind,
      reason: d.reason,
      attempts: d.attempts,
      lastError: d.lastError,
    }));
    io.stdout.write(`${JSON.stringify({ jobs, totals, pendingCleanups })}\n`);
    return ExitCode.Ok;
  }
  // Deletes VOD still owes confirmation of: never dropped, so never hidden (docs/media-cleanup.md).
  const failing = cleanups.filter((d) => d.attempts > 0).length;
  const cleanupLine =
    cleanups.length === 0
      ? ''
      : `${cleanups.length} cleanup(s) pending${failing > 0 ? ` (${failing} failed so far, retried)` : ''}: ` +
        '`vod-upload doctor` lists them.\n';
  if (jobs.length === 0) {
    io.stdout.write(`The queue in ${dataDir} is empty.\n${cleanupLine}`);
    return ExitCode.Ok;
  }
  io.stdout.write(
    renderTable(
      ['State', 'Done', 'Size', 'File', 'Media ID / error'],
      jobs.map((job) => [job.status.state, percent(job), formatSize(job.size), job.path, detail(job)]),
    ),
  );
  const counts = Object.entries(totals.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  io.stdout.write(
    `${jobs.length} job(s): ${counts}; ${formatSize(totals.bytesDone)} of ${formatSize(totals.bytesTotal)} sent.\n${cleanupLine}`,
  );
  return ExitCode.Ok;
}

function percent(job: JobView): string {
  return job.size === 0 ? '-' : `${Math.floor((job.bytesDone / job.size) * 100)}%`;
}

function detail(job: JobView): string {
  switch (job.status.state) {
    case 'done':
      return job.status.mediaId;
    case 'failed':
      return `${job.status.error.code}: ${job.status.error.message}`;
    case 'source-missing':
      return job.status.reason;
    case 'retrying':
      return `attempt ${job.status.attempt}: ${job.status.lastError.code}`;
    default:
      return job.mediaId ?? '';
  }
}
