import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFinal } from '../../../shared/domain/job-transitions';
import { QUEUE_DB_FILE } from '../../core/app/create-app-services';
import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, headlessSource, profileByName, type CredentialChoice } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { createReporter } from '../output/create-reporter';
import { runBatch } from '../run-batch';
import { openSession } from '../session';
import { resumeHint, stallOverride } from './run-options';

type ResumeCommand = Extract<CliCommand, { name: 'resume' }>;

/**
 * `vod-upload resume`: continues every unfinished job in the data dir, whichever batch or process queued it.
 * Paused jobs are resumed and failed (or source-missing) ones retried, reusing their uploaded parts; each
 * job keeps the profile it was queued with, and jobs queued without one use the headless credentials.
 */
export async function resumeCommand(cmd: ResumeCommand, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(cmd.connection.dataDir, io);
  const reporter = createReporter(io, cmd.json);
  if (!existsSync(join(dataDir, QUEUE_DB_FILE))) {
    reporter.note(`Nothing to resume: there is no upload queue in ${dataDir}.`);
    reporter.finish({ done: [], failed: [], unfinished: [], skipped: [] }, false);
    return ExitCode.Ok;
  }
  const session = await openSession({
    dataDir,
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
    ...stallOverride(io),
  });
  try {
    // --profile is checked (a typo is an error) but does not re-sign jobs: each keeps its own profile.
    if (cmd.connection.profile !== undefined) await profileByName(session, cmd.connection.profile);
    const jobs = (await session.call('queue:list', {})).jobs.filter((job) => !isFinal(job.status.state));
    if (jobs.length === 0) {
      reporter.note(`Nothing to resume in ${dataDir}.`);
      reporter.finish({ done: [], failed: [], unfinished: [], skipped: [] }, false);
      return ExitCode.Ok;
    }
    const defaultProfile = (await session.call('settings:get', {})).defaultProfileId;
    const profiles = await session.call('profiles:list', {});
    // One credential check per signer of the jobs to continue, before any of them moves.
    for (const profileId of new Set(jobs.map((job) => job.profileId ?? defaultProfile ?? null))) {
      const profile = profiles.find((p) => p.id === profileId);
      const choice: CredentialChoice =
        profileId !== null && profile !== undefined
          ? { kind: 'profile', profileId, name: profile.name, isDefault: profileId === defaultProfile }
          : { kind: 'headless', source: await headlessSource(session) };
      const { warning } = await checkCredentials(session, choice, cmd.connection);
      if (warning !== undefined) reporter.note(warning);
      if (choice.kind === 'headless') {
        reporter.note(`Using credentials from ${choice.source} for jobs without a profile.`);
      }
    }
    await session.call('queue:resume-all', {});
    await session.call('queue:retry-failed', {});
    reporter.note(`Resuming ${jobs.length} upload(s).`);
    return await runBatch({
      session,
      io,
      reporter,
      jobIds: jobs.map((job) => job.id),
      start: {},
      limits: cmd.limits,
      announce: false,
      resumeHint: resumeHint(cmd.connection, cmd.json),
      onlyTheseJobs: false,
      drainTimeoutMs: cmd.drainTimeoutMs,
    });
  } finally {
    await session.close();
  }
}
