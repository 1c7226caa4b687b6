import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir';
import { formatMediaDuration } from '../../../shared/logic/media-duration';
import { historyToCsv, historyToJson } from '../../core/queue/history-export';
import { renderTable } from '../output/table';
import { formatSize } from '../sizes';
import { withReadOnlyStore } from './read-only-store';

type HistoryCommand = Extract<CliCommand, { name: 'history' }>;

/**
 * `vod-upload history`: finished uploads, newest first. --csv and --json are the app's export formats
 * (history-export.ts) over every matching row; the table shows the newest --limit rows. Read-only.
 */
export async function historyCommand(cmd: HistoryCommand, io: CliIo): Promise<number> {
  if (cmd.queue !== undefined) return (await import('./team-lists')).teamHistoryCommand(cmd, io);
  const dataDir = resolveDataDir(cmd.dataDir, io);
  if (cmd.format !== 'table') {
    const rows =
      withReadOnlyStore(dataDir, (store) =>
        store.history.listForExport({ query: cmd.search, ...filters(cmd) }),
      ) ?? [];
    io.stdout.write(cmd.format === 'csv' ? historyToCsv(rows) : historyToJson(rows));
    return ExitCode.Ok;
  }
  const page = withReadOnlyStore(dataDir, (store) =>
    store.history.list({
      query: cmd.search,
      limit: cmd.limit,
      ...filters(cmd),
    }),
  ) ?? { rows: [], total: 0 };
  if (page.rows.length === 0) {
    io.stdout.write(
      cmd.search || cmd.folder || cmd.tag ? 'No finished upload matches.\n' : 'No finished uploads yet.\n',
    );
    return ExitCode.Ok;
  }
  io.stdout.write(
    renderTable(
      ['Finished (UTC)', 'Media ID', 'Kind', 'Size', 'Duration', 'VOD status', 'Title', 'Tags', 'Path'],
      page.rows.map((r) => [
        new Date(r.finishedAt).toISOString().slice(0, 19).replace('T', ' '),
        r.mediaId,
        r.kind,
        formatSize(r.size),
        r.duration !== null ? formatMediaDuration(r.duration) : '',
        r.vodStatus ?? '',
        r.title,
        r.tags.join(', '),
        r.path,
      ]),
    ),
  );
  if (page.total > page.rows.length) {
    io.stdout.write(
      `${page.rows.length} of ${page.total} shown; use --limit N, --search TEXT or --csv for more.\n`,
    );
  }
  return ExitCode.Ok;
}

function filters(cmd: HistoryCommand): { folder?: string; tag?: string } {
  return { ...(cmd.folder ? { folder: cmd.folder } : {}), ...(cmd.tag ? { tag: cmd.tag } : {}) };
}
