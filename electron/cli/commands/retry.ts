import { isAllowed } from '../../../shared/domain/job-actions';
import type { CliCommand } from '../args';
import { ExitCode } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkCredentials, headlessSource, type CredentialChoice } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { createReporter } from '../output/create-reporter';
import { runBatch } from '../run-batch';
import { openSession } from '../session';
import { jobsNamed } from './queue-jobs';
import { resumeHint, stallOverride } from './run-options';

type RetryCommand = Extract<CliCommand, { name: 'retry' }>;

/**
 * `vod-upload retry [job...]`: failed (and source-missing) jobs go back to the queue with their uploaded parts,
 * and this run uploads exactly them; output and exit status as `upload`.
 */
export async function retryCommand(cmd: RetryCommand, io: CliIo): Promise<number> {
  const session = await openSession({
    dataDir: resolveDataDir(cmd.connection.dataDir, io),
    env: io.env,
    fallback: { region: cmd.connection.region, endpoint: cmd.connection.endpoint },
    ...stallOverride(io),
  });
  try {
    const reporter = createReporter(io, cmd.json);
    const { jobs } = await session.call('queue:list', {});
    const named = cmd.targets.length > 0 ? jobsNamed(session, jobs, cmd.targets, io.cwd) : jobs;
    const failed = named.filter((job) => isAllowed(job.status.state, 'retry'));
    if (failed.length === 0) {
      reporter.note('No failed job to retry.');
      reporter.finish({ done: [], failed: [], unfinished: [], skipped: [] }, false);
      return ExitCode.Ok;
    }
    const settings = await session.call('settings:get', {});
    const profiles = await session.call('profiles:list', {});
    for (const profileId of new Set(failed.map((j) => j.profileId ?? settings.defaultProfileId ?? null))) {
      const profile = profiles.find((p) => p.id === profileId);
      const choice: CredentialChoice =
        profileId !== null && profile !== undefined
          ? { kind: 'profile', profileId, name: profile.name, isDefault: false }
          : { kind: 'headless', source: await headlessSource(session) };
      const { warning } = await checkCredentials(session, choice, cmd.connection);
      if (warning !== undefined) reporter.note(warning);
    }
    await session.call('queue:retry', { ids: failed.map((j) => j.id) });
    reporter.note(`Retrying ${failed.length} upload(s) with the parts they already have.`);
    return await runBatch({
      session,
      io,
      reporter,
      jobIds: failed.map((j) => j.id),
      start: {},
      limits: cmd.limits,
      announce: false,
      resumeHint: resumeHint(cmd.connection, cmd.json),
      onlyTheseJobs: true,
      drainTimeoutMs: cmd.drainTimeoutMs,
    });
  } finally {
    await session.close();
  }
}
