import { resolve } from 'node:path';
import { SETTLED_VOD_STATUSES } from '../../core/app/vod-status-poller';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { openSession } from '../session';

type WaitCommand = Extract<CliCommand, { name: 'wait' }>;

/** Between two GetVideoInfos rounds (tests shorten it with VOD_UPLOADER_WAIT_POLL_MS). */
const POLL_MS = 5_000;

/**
 * `vod-upload wait [media...]`: asks VOD until every named upload (by media id or file path; none named: every
 * video still processing) is Normal, or failed (UploadFail, TranscodeFail, Blocked…), or `--timeout` passes.
 * Exit 0 when all are Normal, 1 otherwise. Ctrl-C stops waiting (130); nothing changes in VOD either way.
 */
export async function waitCommand(cmd: WaitCommand, io: CliIo): Promise<number> {
  const session = await openSession({
    dataDir: resolveDataDir(cmd.connection.dataDir, io),
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
  });
  let interrupted = false;
  let wake: () => void = () => undefined;
  const stopListening = io.onInterrupt(() => {
    interrupted = true;
    wake();
  });
  try {
    const targets = cmd.targets.map((t) => (t.includes('/') || t.includes('\\') ? resolve(io.cwd, t) : t));
    const deadline = Date.now() + cmd.timeoutMs;
    const pollMs = Number(io.env['VOD_UPLOADER_WAIT_POLL_MS']) || POLL_MS;
    let statuses = await session.services.vodStatus(targets);
    const found = new Set(statuses.flatMap((s) => [s.mediaId, s.path]));
    const unknown = targets.filter((t) => !found.has(t));
    if (unknown.length > 0) {
      throw new CliError(
        `No finished upload in ${session.dataDir} for ${unknown.map((t) => `"${t}"`).join(', ')}: name a media id or a file path from \`vod-upload history\`.`,
      );
    }
    const pending = () => statuses.filter((s) => !SETTLED_VOD_STATUSES.includes(s.status ?? ''));
    if (!cmd.json && pending().length > 0) {
      io.stderr.write(`Waiting for VOD to process ${pending().length} video(s)…\n`);
    }
    while (pending().length > 0 && !interrupted && Date.now() < deadline) {
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(pollMs, Math.max(0, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      if (interrupted) break;
      statuses = await session.services.vodStatus(statuses.map((s) => s.mediaId));
    }
    const left = pending();
    const failed = statuses.filter((s) => s.status !== 'Normal' && !left.includes(s));
    if (cmd.json) {
      io.stdout.write(`${JSON.stringify({ media: statuses, timedOut: left.length > 0 && !interrupted })}\n`);
    } else {
      io.stdout.write(
        renderTable(
          ['Media ID', 'Kind', 'VOD status', 'File'],
          statuses.map((s) => [s.mediaId, s.kind, s.status ?? 'unknown', s.path]),
        ),
      );
      if (left.length > 0 && !interrupted) {
        io.stderr.write(`Still processing after the timeout: ${left.length} video(s).\n`);
      }
    }
    if (interrupted) return ExitCode.Interrupted;
    return left.length === 0 && failed.length === 0 ? ExitCode.Ok : ExitCode.SomeFailed;
  } finally {
    stopListening();
    await session.close();
  }
}
