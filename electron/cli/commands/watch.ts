import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JobView } from '../../../shared/domain/queue';
import type { WatchFolderConfig, WatchFolderView } from '../../../shared/domain/watch';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, chooseCredentials } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { drainingNote } from '../run-batch';
import { openSession, type Session } from '../session';
import { presetByName } from './preset';
import { withReadOnlyStore } from './read-only-store';
import { describeChoice } from './upload';

type WatchCommand = Extract<CliCommand, { name: 'watch' | 'watch-list' }>;

export async function watchCommand(cmd: WatchCommand, io: CliIo): Promise<number> {
  return cmd.name === 'watch-list' ? listCommand(cmd, io) : await watchRun(cmd, io);
}

/** `watch --list`: the watched folders of the data dir, read-only (works while a watch or the app runs). */
async function listCommand(cmd: Extract<WatchCommand, { name: 'watch-list' }>, io: CliIo): Promise<number> {
  const folders =
    withReadOnlyStore(resolveDataDir(cmd.dataDir, io), (store) => store.watchFolders.list()) ?? [];
  const rows = await Promise.all(folders.map(async (f) => ({ ...f, here: await folderHere(f.path) })));
  if (cmd.json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return ExitCode.Ok;
  }
  if (rows.length === 0) {
    io.stdout.write('No watched folders. Add one with `vod-upload watch DIR`.\n');
    return ExitCode.Ok;
  }
  io.stdout.write(
    renderTable(
      ['FOLDER', 'STATE', 'PRESET', 'AFTER UPLOAD', 'RULES'],
      rows.map((f) => [
        f.path,
        f.paused ? 'paused' : f.here === true ? 'ready' : `offline (${f.here})`,
        f.preset ?? '-',
        f.afterUpload,
        String(f.rules.length),
      ]),
    ),
  );
  return ExitCode.Ok;
}

/** true when the folder is there, else why not. */
async function folderHere(path: string): Promise<true | string> {
  try {
    return (await stat(path)).isDirectory() ? true : 'not a folder';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/**
 * `vod-upload watch [dir...]`: adds the folders to the watched ones (with the preset and metadata given), then
 * watches them (or every watched folder) and uploads what lands there until SIGINT/SIGTERM. Stopping is clean:
 * on SIGTERM the parts in flight finish and are recorded first (a drain, bounded by --drain-timeout), on
 * SIGINT they are aborted; then the watchers close, finished parts are kept and unfinished jobs stay queued.
 * Exit 0 when every file this run queued is in VOD, 1 when one failed, 130 when some are unfinished.
 */
async function watchRun(cmd: Extract<WatchCommand, { name: 'watch' }>, io: CliIo): Promise<number> {
  const dirs = await existingFolders(cmd.dirs, io.cwd);
  const session = await openSession({
    dataDir: resolveDataDir(cmd.connection.dataDir, io),
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
    watchSettleMs: cmd.settleMs,
  });
  const out = lineWriter(io, cmd.json);
  try {
    const preset = cmd.preset === undefined ? undefined : await presetByName(session, cmd.preset);
    const presetProfile = preset?.options.profileId;
    const profileName =
      cmd.connection.profile ??
      (presetProfile === undefined
        ? undefined
        : (await session.call('profiles:list', {})).find((p) => p.id === presetProfile)?.name);
    if (presetProfile !== undefined && profileName === undefined) {
      throw new CliError(
        'The preset names a profile that no longer exists: pass --profile, or save the preset again.',
      );
    }
    const choice = await chooseCredentials(session, profileName);
    const { warning } = await checkCredentials(session, choice, cmd.connection);
    out.note(describeChoice(choice, cmd.connection));
    if (warning !== undefined) out.note(warning);

    const folders = await addFolders(session, dirs, {
      preset: preset?.name ?? null,
      options: {
        ...cmd.metadata,
        ...(choice.kind === 'profile' && cmd.connection.profile ? { profileId: choice.profileId } : {}),
      },
    });
    if (folders.length === 0) {
      throw new CliError('No watched folders: name one, e.g. `vod-upload watch ~/Exports`.');
    }
    return await watchUntilStopped(session, io, out, folders, cmd);
  } finally {
    await session.close();
  }
}

/** Adds the named folders (a folder already watched keeps its settings); none named: every watched folder. */
async function addFolders(
  session: Session,
  dirs: readonly string[],
  preset: { preset: string | null; options: WatchFolderConfig['options'] },
): Promise<WatchFolderView[]> {
  const known = await session.call('watch:list', {});
  if (dirs.length === 0) return known.filter((f) => !f.paused);
  const out: WatchFolderView[] = [];
  for (const dir of dirs) {
    const existing = known.find((f) => f.path === dir);
    out.push(existing ?? (await session.call('watch:add', { path: dir, ...preset })));
  }
  return out;
}

async function watchUntilStopped(
  session: Session,
  io: CliIo,
  out: ReturnType<typeof lineWriter>,
  folders: readonly WatchFolderView[],
  cmd: Extract<WatchCommand, { name: 'watch' }>,
): Promise<number> {
  const { services } = session;
  services.applyRunLimits(cmd.limits);
  const roots = folders.map((f) => f.path);
  const under = (path: string) =>
    roots.some((root) => path.startsWith(`${root}/`) || path.startsWith(`${root}\\`));
  // The jobs this run uploads: those its watchers queue, and unfinished ones of these folders from before.
  const mine = new Set<string>();
  const views = new Map<string, JobView>();
  const earlier = (await session.call('queue:list', {})).jobs.filter((j) => under(j.path));
  const paused = earlier.filter((j) => j.status.state === 'paused').map((j) => j.id);
  if (paused.length > 0) await session.call('queue:resume', { ids: paused });
  for (const job of earlier) {
    if (['queued', 'paused'].includes(job.status.state)) mine.add(job.id);
  }
  let stopping = false;
  const offEvents = services.onEngineEvent((event) => {
    if (event.type !== 'job-queued' || mine.has(event.jobId)) return;
    mine.add(event.jobId);
    // A file the watchers hand over while stopping stays queued: starting now would undo the drain.
    if (!stopping) services.startUploads({ only: [...mine] });
  });
  const reported = new Map<string, string>();
  const offSnapshots = services.onSnapshot((snapshot) => {
    for (const view of snapshot.changed) {
      if (!mine.has(view.id)) continue;
      views.set(view.id, view);
      const state = view.status.state;
      if (reported.get(view.id) === undefined) out.event('queued', view);
      if (
        ['done', 'failed', 'source-missing', 'canceled'].includes(state) &&
        reported.get(view.id) !== state
      ) {
        out.event(state, view);
      }
      reported.set(view.id, state);
    }
  });
  const folderStates = new Map<string, string>();
  const offWatch = services.onWatchChange((list) => {
    for (const f of list) {
      if (!roots.includes(f.path) || folderStates.get(f.id) === f.state) continue;
      folderStates.set(f.id, f.state);
      out.folder(f);
    }
  });

  let stop: ((signal: string) => void) | undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const stopListening = io.onInterrupt((signal) => {
    if (stop === undefined) {
      io.stderr.write('\nStopping at once; finished parts are kept, in-flight ones will be sent again.\n');
      io.forceExit(ExitCode.Interrupted);
    }
    stop(signal);
    stop = undefined;
  });
  try {
    services.startUploads({ only: [...mine] });
    await services.startWatching({ only: folders.map((f) => f.id) });
    out.note(`Watching ${roots.join(', ')}. Stop with Ctrl-C or SIGTERM.`);
    const signal = await stopped;
    stopping = true;
    if (signal === 'SIGTERM') {
      io.stderr.write(`\n${drainingNote(cmd.drainTimeoutMs)}\n`);
      await services.drainUploads({ timeoutMs: cmd.drainTimeoutMs });
    } else {
      io.stderr.write(`\nCtrl-C: stopping (finished parts are kept)…\n`);
    }
  } finally {
    // Watchers close first, then the engine stops; the last snapshots still reach us.
    await session.close();
    offEvents();
    offSnapshots();
    offWatch();
    stopListening();
  }
  const final = [...mine].map((id) => views.get(id)).filter((v) => v !== undefined);
  const done = final.filter((v) => v.status.state === 'done');
  const failed = final.filter((v) => ['failed', 'source-missing'].includes(v.status.state));
  const unfinished = [...mine].length - done.length - failed.length;
  out.summary(done, failed, unfinished);
  if (failed.length > 0) return ExitCode.SomeFailed;
  return unfinished > 0 ? ExitCode.Interrupted : ExitCode.Ok;
}

async function existingFolders(dirs: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    const path = resolve(cwd, dir);
    const here = await folderHere(path);
    if (here !== true)
      throw new CliError(`Cannot watch ${dir}: ${here === 'missing' ? 'no such folder' : here}.`);
    out.push(path);
  }
  return out;
}

/** One line per fact: words on a terminal, one JSON object per line under --json. */
function lineWriter(io: CliIo, json: boolean) {
  const line = (text: string, object: Record<string, unknown>) =>
    io.stdout.write(json ? `${JSON.stringify(object)}\n` : `${text}\n`);
  return {
    note: (text: string) => (json ? undefined : io.stderr.write(`${text}\n`)),
    folder: (f: WatchFolderView) =>
      line(`${f.path}: ${f.state}${f.lastError ? ` (${f.lastError})` : ''}`, {
        event: 'folder',
        path: f.path,
        state: f.state,
        reason: f.lastError,
      }),
    event: (state: string, view: JobView) => {
      const mediaId = view.status.state === 'done' ? view.status.mediaId : null;
      const error = view.status.state === 'failed' ? view.status.error.message : null;
      line(`${state} ${view.path}${mediaId ? ` ${mediaId}` : ''}${error ? `: ${error}` : ''}`, {
        event: state,
        path: view.path,
        ...(mediaId ? { mediaId } : {}),
        ...(error ? { error } : {}),
      });
    },
    summary: (done: JobView[], failed: JobView[], unfinished: number) =>
      line(
        `Stopped: ${done.length} uploaded, ${failed.length} failed, ${unfinished} unfinished${unfinished > 0 ? ' (they go on with the next `vod-upload watch` or `vod-upload resume`)' : ''}.`,
        {
          done: done.map((v) => ({
            path: v.path,
            mediaId: v.status.state === 'done' ? v.status.mediaId : '',
          })),
          failed: failed.map((v) => ({ path: v.path, state: v.status.state })),
          unfinished,
        },
      ),
  };
}
