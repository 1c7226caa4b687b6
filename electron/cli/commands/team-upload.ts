import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { UploadDefaultsSchema, type UploadDefaults } from '../../../shared/domain/upload-defaults';
import { renderTitle } from '../../../shared/logic/title-template';
import { teamDestination } from '../../core/app/team-place';
import { Redactor } from '../../core/log/redactor';
import { sampledFingerprint } from '../../core/scan/fingerprint';
import { scanPaths, type ScannedFile } from '../../core/scan/scan-paths';
import { createTeamQueue, type TeamJobInput, type TeamQueue } from '../../core/team/team-queue';
import { listTeamJobs } from '../../core/team/team-views';
import type { CliCommand } from '../args';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, chooseCredentials } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { openSession } from '../session';
import { connectTeam, describeSigner, pathRules, placeOf, runTeamWork, workerIdentity } from '../team-run';
import { presetByName, presetProfileName } from './preset';
import { stallOverride } from './run-options';

type UploadCommand = Extract<CliCommand, { name: 'upload' }>;

/**
 * `vod-upload upload PATH… --queue postgres://…`: queues the files on the team queue (each file once per
 * destination, whoever else queues it at the same time), then works on exactly those jobs beside the other
 * workers until each is done or failed; `--enqueue-only` stops after queueing. Exit 0 when every file is in
 * VOD (or, with --enqueue-only, queued), 1 when any is not.
 */
export async function teamUploadCommand(cmd: UploadCommand, io: CliIo): Promise<number> {
  if (cmd.urlsFile !== undefined || cmd.paths.some((p) => /^https?:\/\//i.test(p))) {
    throw new CliError('Links cannot go on the team queue yet: upload them without --queue.');
  }
  const pathMap = pathRules(cmd.pathMap);
  const redactor = new Redactor();
  const worker = workerIdentity(undefined);
  const connection = await connectTeam(cmd.queue, io, redactor, `upload ${worker.id}`);
  try {
    const queue = createTeamQueue(connection.pool, worker, 30_000);
    const session = await openSession({
      dataDir: resolveDataDir(cmd.connection.dataDir, io),
      env: io.env,
      redactor,
      fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
      team: { queue, worker, listen: (n) => connection.listen(n), pathMap },
      ...stallOverride(io),
    });
    let choice;
    let place;
    let queued;
    let metadata;
    try {
      // A preset is this machine's: its options are resolved here into each job's metadata (the workers
      // apply what the job says), and its profile picks the credentials, hence the place, as in `upload`.
      const preset = cmd.preset === undefined ? undefined : await presetByName(session, cmd.preset);
      const { profileId: presetProfile, ...presetOptions } = preset?.options ?? {};
      metadata = UploadDefaultsSchema.parse({ ...presetOptions, ...cmd.metadata });
      choice = await chooseCredentials(
        session,
        cmd.connection.profile ?? (await presetProfileName(session, presetProfile)),
      );
      const { warning } = await checkCredentials(session, choice, cmd.connection);
      place = await placeOf(session, choice, cmd.connection);
      if (!cmd.json) {
        io.stderr.write(`${describeSigner(choice, cmd.connection)} Team queue: ${connection.label}\n`);
        if (warning !== undefined) io.stderr.write(`${warning}\n`);
      }
      queued = await enqueue(queue, cmd.paths, metadata, io, place);
    } catch (e) {
      await session.close();
      throw e;
    }
    const ids = [...queued.added, ...queued.existing];
    io.stdout.write(
      cmd.json
        ? `${JSON.stringify({ event: 'team-queued', added: queued.added.length, existing: queued.existing.length, skipped: queued.skipped })}\n`
        : `Queued ${queued.added.length} file(s) on the team queue${queued.existing.length > 0 ? `; ${queued.existing.length} already there` : ''}${queued.skipped.length > 0 ? `; ${queued.skipped.length} left out` : ''}.\n`,
    );
    if (cmd.enqueueOnly || ids.length === 0) {
      await session.close();
      return queued.skipped.length > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
    }
    const settled = untilSettled(connection.pool, ids, worker.id);
    const { interrupted } = await runTeamWork({
      session,
      io,
      json: cmd.json,
      limits: cmd.limits,
      drainTimeoutMs: cmd.drainTimeoutMs,
      profileId: choice.kind === 'profile' ? choice.profileId : null,
      place,
      among: ids,
      until: settled.done,
    });
    settled.stop();
    if (interrupted) return ExitCode.Interrupted;
    const jobs = await listTeamJobs(connection.pool, { among: ids });
    const done = jobs.filter((j) => j.state === 'done').length;
    const notDone = jobs.filter((j) => j.state !== 'done');
    if (cmd.json) {
      io.stdout.write(
        `${JSON.stringify({ done, notDone: notDone.map((j) => ({ path: j.path, state: j.state, lastError: j.lastError })) })}\n`,
      );
    } else {
      io.stdout.write(`${done} of ${jobs.length} file(s) in VOD.\n`);
      for (const j of notDone)
        io.stdout.write(`  ${j.state}: ${j.path}${j.lastError ? ` (${j.lastError})` : ''}\n`);
    }
    return notDone.length > 0 || queued.skipped.length > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
  } finally {
    await connection.close();
  }
}

async function enqueue(
  queue: TeamQueue,
  paths: readonly string[],
  metadata: UploadDefaults,
  io: CliIo,
  place: string,
): Promise<{ added: string[]; existing: string[]; skipped: { path: string; reason: string }[] }> {
  const scan = await scanPaths(
    paths.map((p) => resolve(io.cwd, p)),
    metadata.attachedAs ? { attachedAs: metadata.attachedAs } : {},
  );
  const fingerprints = await fingerprintAll(scan.files);
  const addedAt = Date.now();
  const destination = teamDestination(place, metadata);
  const jobs: TeamJobInput[] = scan.files.map((file, i) => ({
    id: randomUUID(),
    path: file.path,
    name: file.name,
    kind: file.kind,
    size: file.size,
    mtimeMs: file.mtimeMs,
    fingerprint: fingerprints.get(file.path) ?? null,
    destination,
    title: renderTitle(metadata.titleTemplate, {
      fileName: file.name,
      relativeDir: file.relativeDir,
      addedAt,
      mtimeMs: file.mtimeMs,
      index: i + 1,
    }),
    metadata,
  }));
  const result = await queue.enqueue(jobs);
  return { ...result, skipped: scan.skipped.map((s) => ({ path: s.path, reason: s.reason })) };
}

/** The sampled fingerprint of every file (three small reads each): the same content is one job, whatever the path. */
async function fingerprintAll(files: readonly ScannedFile[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  const take = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        out.set(file.path, await sampledFingerprint(file.path));
      } catch {
        // Unreadable now: its size, mtime and path decide instead.
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, take));
  return out;
}

/** Resolves once every job is done or failed, or waits only on workers other than this one (it cannot see it). */
function untilSettled(
  pool: Parameters<typeof listTeamJobs>[0],
  ids: readonly string[],
  me: string,
): { done: Promise<void>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const done = new Promise<void>((resolveDone) => {
    const check = async () => {
      if (stopped) return;
      try {
        const jobs = await listTeamJobs(pool, { among: ids });
        const open = jobs.filter(
          // A canceling job is open until a worker (this one, for what it holds) has removed its media.
          (j) =>
            (j.state === 'queued' && !j.unseenBy.includes(me)) ||
            j.state === 'claimed' ||
            j.state === 'canceling',
        );
        if (open.length === 0) {
          resolveDone();
          return;
        }
      } catch {
        // The server is away for a moment: look again.
      }
      timer = setTimeout(() => void check(), 500);
    };
    void check();
  });
  return {
    done,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
