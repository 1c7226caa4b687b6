import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../core/base/app-error';
import type { RunLimits } from '../core/app/app-services';
import type { TeamReport } from '../core/app/team-bridge';
import { teamPlace } from '../core/app/team-place';
import type { Redactor } from '../core/log/redactor';
import {
  describeQueueUrl,
  openTeamConnection,
  resolveQueueUrl,
  urlHasPassword,
  QUEUE_URL_ENV,
  type TeamConnection,
} from '../core/team/team-connection';
import { parsePathMap, type PathMapRule } from '../core/team/path-map';
import type { TeamWorker } from '../core/team/team-queue';
import { CliError, ExitCode } from './cli-error';
import type { CliIo } from './cli-io';
import type { CredentialChoice } from './credentials';
import type { Session } from './session';

/* What `worker` and `upload --queue` share: the connection, the worker's identity, and the run itself. */

export async function connectTeam(
  flag: string | undefined,
  io: CliIo,
  redactor: Redactor | undefined,
  role: string,
): Promise<TeamConnection> {
  const url = resolveQueueUrl(flag, io.env);
  if (url === undefined) {
    throw new CliError(`Name the team queue: --queue postgres://ROLE@HOST/DB, or set ${QUEUE_URL_ENV}.`);
  }
  if (flag !== undefined && urlHasPassword(flag)) {
    io.stderr.write(
      `vod-upload: warning: the password in --queue is visible to other users of this machine (ps); put it in VOD_UPLOADER_QUEUE_PASSWORD or PGPASSWORD instead (${describeQueueUrl(flag)}).\n`,
    );
  }
  try {
    return await openTeamConnection({
      url,
      env: io.env,
      ...(redactor ? { redactor } : {}),
      applicationName: `vod-upload ${role}`,
    });
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

export function pathRules(specs: readonly string[]): PathMapRule[] {
  try {
    return parsePathMap(specs);
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

/** A worker's identity: its machine's name, and a process id unique across restarts. */
export function workerIdentity(name: string | undefined): TeamWorker {
  const machine = name ?? hostname();
  return { id: `${machine}/${process.pid}-${randomBytes(3).toString('hex')}`, machine };
}

/** Which credentials this run signs with (as `upload` says it, without importing it: no cycle). */
export function describeSigner(
  choice: CredentialChoice,
  connection: { region: string; endpoint: string | undefined },
): string {
  if (choice.kind === 'profile') return `Using profile "${choice.name}".`;
  return `Using credentials from ${choice.source}, region ${connection.region}.`;
}

/** The place this run's credentials upload to (region and endpoint): the jobs it may claim. */
export async function placeOf(
  session: Session,
  choice: CredentialChoice,
  connection: { region: string; endpoint: string | undefined },
): Promise<string> {
  if (choice.kind === 'profile') {
    const profile = (await session.call('profiles:list', {})).find((p) => p.id === choice.profileId);
    if (profile) return teamPlace(profile.region, profile.endpoint);
  }
  return teamPlace(connection.region, connection.endpoint);
}

export interface TeamRunOptions {
  readonly session: Session;
  readonly io: CliIo;
  readonly json: boolean;
  readonly limits: RunLimits;
  /** On SIGTERM/SIGINT, how long the parts in flight may take to finish before they are aborted. */
  readonly drainTimeoutMs: number;
  readonly profileId: string | null;
  readonly place: string;
  /** Only these jobs (upload --queue). */
  readonly among?: readonly string[];
  /** Ends the run (every job of an upload --queue settled); a worker runs until a signal. */
  readonly until?: Promise<void>;
}

/** How a run ended: by a signal or not, and which jobs' in-flight parts the drain had to abort (its timeout). */
export interface TeamRunOutcome {
  readonly interrupted: boolean;
  readonly cutOff: readonly string[];
}

/**
 * Works on the team queue until `until` resolves or SIGINT/SIGTERM. The signal drains: no new claims, no new
 * part; the parts in flight finish and are recorded (and mirrored) within `drainTimeoutMs`, the rest are
 * aborted; then every unfinished claim is given back at once, so another worker continues from the recorded
 * parts without waiting for the lease. A second signal leaves at once (the leases then run out).
 */
export async function runTeamWork(options: TeamRunOptions): Promise<TeamRunOutcome> {
  const { session, io } = options;
  const team = session.services.team;
  if (team === undefined) throw new Error('The session was opened without the team queue');
  const offReports = team.onReport((r) => io.stdout.write(describeReport(r, options.json)));
  let interrupted = false;
  let stopRun: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stopRun = resolve));
  const stopListening = io.onInterrupt((signal) => {
    if (interrupted) {
      io.stderr.write('\nStopping at once; the claims run out and another worker takes them over.\n');
      io.forceExit(ExitCode.Interrupted);
    }
    interrupted = true;
    io.stderr.write(
      `\n${signal}: finishing the parts in flight (at most ${Math.round(options.drainTimeoutMs / 1000)} s; a second signal quits at once), then unfinished claims go back to the team queue…\n`,
    );
    stopRun();
  });
  let cutOff: readonly string[] = [];
  try {
    session.services.applyRunLimits(options.limits);
    session.services.startUploads();
    await team.start({
      profileId: options.profileId,
      places: [options.place],
      ...(options.among ? { among: options.among } : {}),
    });
    if (!options.json) io.stderr.write(`Worker ${team.workerId} is taking jobs from the team queue.\n`);
    await Promise.race([stopped, ...(options.until ? [options.until] : [])]);
    if (interrupted) {
      await team.stopClaiming();
      ({ cutOff } = await session.services.drainUploads({ timeoutMs: options.drainTimeoutMs }));
    }
  } finally {
    await session.close();
    offReports();
    stopListening();
  }
  if (interrupted && cutOff.length > 0) {
    io.stderr.write(
      `The drain timed out: parts in flight of ${cutOff.length} job(s) were aborted; the next worker sends them again.\n`,
    );
  }
  return { interrupted, cutOff };
}

function describeReport(r: TeamReport, json: boolean): string {
  if (json) return `${JSON.stringify({ event: `team-${r.type}`, ...r })}\n`;
  switch (r.type) {
    case 'claimed':
      return `claimed   ${r.path}${r.resumedParts > 0 ? ` (resuming: ${r.resumedParts} part(s) on record)` : ''}\n`;
    case 'done':
      return `done      ${r.path}${r.mediaId ? `  ${r.mediaId}` : ''}\n`;
    case 'failed':
      return `failed    ${r.path}\n`;
    case 'left':
      return `left      ${r.path}: ${r.reason} (another worker may take it)\n`;
    case 'lost':
      return `lost      ${r.path}: ${r.reason}\n`;
    case 'canceled':
      return `canceled  ${r.path}${r.mediaId ? `  ${r.mediaId}` : ''} (its upload and media removed)\n`;
    case 'released':
      return `released  ${r.count} unfinished job(s) back to the team queue\n`;
  }
}
