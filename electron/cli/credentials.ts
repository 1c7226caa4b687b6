import { AppError } from '../core/base/app-error';
import { CliError } from './cli-error';
import type { Session } from './session';

/** Who signs a run's jobs: a named profile, the data dir's default profile, or the headless credentials. */
export type CredentialChoice =
  | {
      readonly kind: 'profile';
      readonly profileId: string;
      readonly name: string;
      readonly isDefault: boolean;
    }
  | { readonly kind: 'headless'; readonly source: string };

const HOW_TO =
  'Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for ' +
  'temporary STS credentials), configure ~/.alibabacloud/credentials, or add a profile with ' +
  '`vod-upload profile add NAME` and pass --profile NAME.';

/** Finds a profile by name (exact, then ignoring case); an unknown name is exit 2 with the names there are. */
export async function profileByName(session: Session, name: string): Promise<{ id: string; name: string }> {
  const profiles = await session.call('profiles:list', {});
  const found =
    profiles.find((p) => p.name === name) ??
    profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  throw new CliError(
    profiles.length === 0
      ? `There is no profile named "${name}": ${session.dataDir} has no profiles. Add one with \`vod-upload profile add ${name}\`.`
      : `There is no profile named "${name}". Profiles in ${session.dataDir}: ${profiles.map((p) => p.name).join(', ')}.`,
  );
}

/**
 * Decides who signs the jobs of this run and proves it can before anything is queued: a profile's secret must
 * decrypt (a desktop profile's keychain secret cannot be read from the CLI), and headless credentials must be
 * found. Either failure is exit 2 with what to do.
 */
export async function chooseCredentials(
  session: Session,
  profileName: string | undefined,
): Promise<CredentialChoice> {
  if (profileName !== undefined) {
    const profile = await profileByName(session, profileName);
    await preflightProfile(session, profile);
    return { kind: 'profile', profileId: profile.id, name: profile.name, isDefault: false };
  }
  const defaultId = (await session.call('settings:get', {})).defaultProfileId;
  if (defaultId !== undefined) {
    const name = (await session.call('profiles:list', {})).find((p) => p.id === defaultId)?.name;
    if (name !== undefined) {
      await preflightProfile(session, { id: defaultId, name });
      return { kind: 'profile', profileId: defaultId, name, isDefault: true };
    }
  }
  return { kind: 'headless', source: await headlessSource(session) };
}

/** The headless credentials must be there (exit 2 otherwise); returns where they came from. */
export async function headlessSource(session: Session): Promise<string> {
  if (session.headless === undefined) throw new Error('the session was opened without headless credentials');
  try {
    const credential = await session.headless.get();
    return credential.source ?? 'environment';
  } catch (e) {
    if (e instanceof AppError) {
      throw new CliError(`No Alibaba Cloud credentials found. ${HOW_TO}`);
    }
    throw e;
  }
}

async function preflightProfile(session: Session, profile: { id: string; name: string }): Promise<void> {
  try {
    await session.services.checkProfileUsable(profile.id);
  } catch (e) {
    if (e instanceof AppError) {
      throw new CliError(
        `The profile "${profile.name}" cannot be used here: ${e.message}` +
          (e.code === 'SECRET_UNREADABLE'
            ? ' Profiles saved by the desktop app keep their secret in the OS keychain, which the CLI cannot ' +
              'read: add the profile again with `vod-upload profile add`, or use the ALIBABA_CLOUD_* variables.'
            : ''),
      );
    }
    throw e;
  }
}

/**
 * One connection test before anything is queued (the same probe and verdicts as `profile test`): a wrong or
 * unknown key, a region VOD refuses, or an endpoint that refuses or never answers ends the run at once with
 * exit 2 and the fix, instead of being found file by file, retry by retry. A service that is only busy
 * right now ('error') does not stop the run: the uploads retry on their own.
 */
export async function checkCredentials(
  session: Session,
  choice: CredentialChoice,
  connection: { region: string; endpoint: string | undefined },
): Promise<{ warning: string | undefined }> {
  const verdict = await session.services.testCredentials(choice.kind === 'profile' ? choice.profileId : null);
  if (verdict.verdict === 'ok') return { warning: undefined };
  const request = verdict.requestId ? ` (request ${verdict.requestId})` : '';
  if (verdict.verdict === 'error') {
    return { warning: `The credential check could not finish: ${verdict.message}${request}` };
  }
  throw new CliError(`${verdict.message}${request} ${fixFor(verdict.verdict, choice, connection)}`.trim());
}

function fixFor(
  verdict: 'wrong-key' | 'no-permission' | 'wrong-region' | 'unreachable',
  choice: CredentialChoice,
  connection: { region: string; endpoint: string | undefined },
): string {
  const profile = choice.kind === 'profile' ? choice.name : undefined;
  switch (verdict) {
    case 'wrong-key':
      return choice.kind === 'profile'
        ? `Nothing was queued. Save the profile's key again: \`vod-upload profile add ${choice.name} --secret-stdin\` (after \`vod-upload profile remove ${choice.name}\`).`
        : `Nothing was queued. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET again (they came from ${choice.source}) and re-run.`;
    case 'no-permission':
      return 'Nothing was queued.';
    case 'wrong-region':
      return profile !== undefined
        ? `Nothing was queued. Check the region of the profile "${profile}".`
        : `Nothing was queued. Check --region (now ${connection.region}).`;
    case 'unreachable':
      return profile !== undefined
        ? `Nothing was queued. Check the endpoint of the profile "${profile}" and the network.`
        : `Nothing was queued. Check --endpoint${connection.endpoint ? ` (now ${connection.endpoint})` : ''}, --region and the network.`;
  }
}
