import { Redactor } from '../../core/log/redactor';
import { listTeamHistory, listTeamJobs } from '../../core/team/team-views';
import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { renderTable } from '../output/table';
import { formatSize } from '../sizes';
import { connectTeam } from '../team-run';

type StatusCommand = Extract<CliCommand, { name: 'status' }>;
type HistoryCommand = Extract<CliCommand, { name: 'history' }>;

/** `vod-upload status --queue …`: the team queue as every worker sees it (who holds what, who cannot see what). */
export async function teamStatusCommand(cmd: StatusCommand, io: CliIo): Promise<number> {
  const connection = await connectTeam(cmd.queue, io, new Redactor(), 'status');
  try {
    const jobs = await listTeamJobs(connection.pool);
    const counts: Record<string, number> = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
    if (cmd.json) {
      io.stdout.write(`${JSON.stringify({ jobs, counts })}\n`);
      return ExitCode.Ok;
    }
    if (jobs.length === 0) {
      io.stdout.write(`The team queue at ${connection.label} is empty.\n`);
      return ExitCode.Ok;
    }
    io.stdout.write(
      renderTable(
        ['State', 'Done', 'Size', 'File', 'Worker / media ID / note'],
        jobs.map((j) => [
          j.state,
          j.size === 0 ? '-' : `${Math.floor((j.bytesDone / j.size) * 100)}%`,
          formatSize(j.size),
          j.path,
          j.state === 'claimed'
            ? (j.leaseOwner ?? '')
            : j.state === 'canceling'
              ? `removing its upload and media: ${j.leaseOwner ?? 'the next worker for its region'}`
              : j.state === 'done'
                ? (j.mediaId ?? '')
                : j.unseenBy.length > 0
                  ? `not visible to ${j.unseenBy.length} worker(s): ${j.lastError ?? ''}`
                  : (j.lastError ?? ''),
        ]),
      ),
    );
    const summary = Object.entries(counts)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ');
    io.stdout.write(`${jobs.length} job(s) on the team queue: ${summary}.\n`);
    return ExitCode.Ok;
  } finally {
    await connection.close();
  }
}

/** `vod-upload history --queue …`: the team's finished uploads, newest first, with the worker and machine. */
export async function teamHistoryCommand(cmd: HistoryCommand, io: CliIo): Promise<number> {
  const connection = await connectTeam(cmd.queue, io, new Redactor(), 'history');
  try {
    const rows = await listTeamHistory(connection.pool, {
      search: cmd.search,
      ...(cmd.format === 'table' ? { limit: cmd.limit } : {}),
    });
    if (cmd.format === 'json') {
      io.stdout.write(`${JSON.stringify(rows)}\n`);
      return ExitCode.Ok;
    }
    if (cmd.format === 'csv') {
      const cell = (v: string | number | null) => {
        const text = v === null ? '' : String(v);
        return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      };
      const header = ['finished_at', 'media_id', 'kind', 'title', 'path', 'size', 'machine', 'worker'];
      const lines = rows.map((r) =>
        [r.finishedAt, r.mediaId, r.kind, r.title, r.path, r.size, r.machine, r.worker].map(cell).join(','),
      );
      io.stdout.write(`${[header.join(','), ...lines].join('\n')}\n`);
      return ExitCode.Ok;
    }
    if (rows.length === 0) {
      io.stdout.write(cmd.search ? 'No finished upload matches.\n' : 'No finished uploads yet.\n');
      return ExitCode.Ok;
    }
    io.stdout.write(
      renderTable(
        ['Finished (UTC)', 'Media ID', 'Kind', 'Size', 'Machine', 'Worker', 'Path'],
        rows.map((r) => [
          r.finishedAt.slice(0, 19).replace('T', ' '),
          r.mediaId,
          r.kind,
          formatSize(r.size),
          r.machine,
          r.worker,
          r.path,
        ]),
      ),
    );
    return ExitCode.Ok;
  } finally {
    await connection.close();
  }
}
