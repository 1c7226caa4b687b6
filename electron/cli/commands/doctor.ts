import {
  cleanupNeeded,
  type CleanupReport,
  type OpenUpload,
  type StrayMedia,
} from '../../../shared/domain/cleanup';
import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { chooseCredentials } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { openSession } from '../session';

type DoctorCommand = Extract<CliCommand, { name: 'doctor' }>;

const OWNER_WORDS: Readonly<Record<StrayMedia['owner'], string>> = {
  'in-use': 'in the queue (left alone)',
  orphan: 'left by this uploader',
  other: 'not made here',
};

/**
 * `vod-upload doctor [--fix]`: what the profile's uploads left behind in VOD (media in "Uploading", open
 * multipart uploads) and the deletes this data dir still owes, through the same contract channels as the app's
 * Settings → Clean up. Exit 0 nothing to clean, 1 something found (or left after --fix), 2 error.
 */
export async function doctorCommand(cmd: DoctorCommand, io: CliIo): Promise<number> {
  const session = await openSession({
    dataDir: resolveDataDir(cmd.connection.dataDir, io),
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
  });
  try {
    const choice = await chooseCredentials(session, cmd.connection.profile);
    const profileId = choice.kind === 'profile' ? choice.profileId : null;
    if (!cmd.fix) {
      const report = await session.call('cleanup:check', { profileId });
      if (cmd.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(report, io, cmd.includeOthers);
      return cleanupNeeded(report) ? ExitCode.SomeFailed : ExitCode.Ok;
    }
    const result = await session.call('cleanup:fix', { profileId, includeOthers: cmd.includeOthers });
    if (cmd.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      io.stdout.write(
        `Removed ${result.removedMedia.length} media, aborted ${result.abortedUploads.length} upload(s).\n`,
      );
      for (const f of result.failed) {
        io.stdout.write(`Could not remove ${f.id}: ${f.error.code}: ${f.error.message}\n`);
      }
      printReport(result.report, io, cmd.includeOthers);
    }
    const left = result.report;
    const remains =
      result.failed.length > 0 ||
      left.pending.length > 0 ||
      left.media.some((m) => m.owner === 'orphan' || (cmd.includeOthers && m.owner === 'other')) ||
      left.uploads.some((u) => u.owner === 'orphan');
    return remains ? ExitCode.SomeFailed : ExitCode.Ok;
  } finally {
    await session.close();
  }
}

function printReport(report: CleanupReport, io: CliIo, includeOthers: boolean): void {
  const out = io.stdout;
  out.write(`Checked ${report.profileName}.\n`);
  if (report.media.length > 0) {
    out.write(`\nMedia in "Uploading" (${report.media.length}):\n`);
    out.write(
      renderTable(
        ['Media ID', 'Kind', 'Created', 'Title', 'Whose'],
        report.media.map((m) => [
          m.mediaId,
          m.kind,
          m.creationTime ?? '',
          m.title,
          `${OWNER_WORDS[m.owner]}${m.job ? ` (${m.job.path})` : ''}${m.pendingDelete ? ', delete pending' : ''}`,
        ]),
      ),
    );
  } else if (!report.limits.some((l) => l.code === 'SEARCH_UNAVAILABLE')) {
    out.write('No media in "Uploading".\n');
  }
  if (report.uploads.length > 0) {
    out.write(`\nMultipart uploads left open (${report.uploads.length}):\n`);
    out.write(
      renderTable(
        ['Upload ID', 'Object key', 'Media ID', 'Whose', 'Seen'],
        report.uploads.map((u: OpenUpload) => [
          u.uploadId,
          u.objectKey,
          u.mediaId ?? '',
          OWNER_WORDS[u.owner],
          u.source === 'oss' ? 'listed by OSS' : 'recorded here',
        ]),
      ),
    );
  }
  if (report.pending.length > 0) {
    out.write(`\n${report.pending.length} cleanup(s) pending (deletes retried in the background):\n`);
    out.write(
      renderTable(
        ['Media ID', 'Kind', 'Why', 'Attempts', 'Last error'],
        report.pending.map((p) => [
          p.mediaId,
          p.kind,
          p.reason,
          String(p.attempts),
          p.lastError ? `${p.lastError.code}: ${p.lastError.message}` : '',
        ]),
      ),
    );
  }
  for (const limit of report.limits) out.write(`\nNote: ${limit.message}\n`);
  const others = report.media.filter((m) => m.owner === 'other').length;
  if (others > 0 && !includeOthers) {
    out.write(
      `\n${others} media carry no mark of this data dir (another tool or computer may still be uploading them): ` +
        '`doctor --fix` leaves them; `--include-others` removes them too.\n',
    );
  }
  if (cleanupNeeded(report))
    out.write('\nRun `vod-upload doctor --fix` to remove what this uploader left.\n');
  else out.write('\nNothing to clean up.\n');
}
