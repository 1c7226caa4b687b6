import type { ProfileCredentialInput } from '../../../shared/domain/profile';
import type { CliCommand } from '../args';
import { CliError, ExitCode, UsageError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { profileByName } from '../credentials';
import { resolveDataDir } from '../data-dir';
import { renderTable } from '../output/table';
import { openSession, type Session } from '../session';

type ProfileCommand = Extract<
  CliCommand,
  { name: 'profile-add' | 'profile-list' | 'profile-remove' | 'profile-test' }
>;

/**
 * `vod-upload profile add|list|remove|test`. Secrets never go on the command line (they would show in `ps`
 * and shell history): they come from the standard environment variables or stdin (--secret-stdin), and are
 * stored encrypted with the data dir's key file (docs/credentials.md).
 */
export async function profileCommand(cmd: ProfileCommand, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(cmd.dataDir, io);
  // Read the secret before opening the queue, so a missing one changes nothing on disk.
  const credential = cmd.name === 'profile-add' ? await credentialFor(cmd, io) : undefined;
  const session = await openSession({ dataDir });
  try {
    switch (cmd.name) {
      case 'profile-add':
        return await add(session, cmd, credential!, io);
      case 'profile-list':
        return await list(session, cmd.json, io);
      case 'profile-remove': {
        const profile = await profileByName(session, cmd.profileName);
        await session.call('profiles:delete', { id: profile.id });
        io.stdout.write(`Removed profile "${profile.name}".\n`);
        return ExitCode.Ok;
      }
      case 'profile-test': {
        const profile = await profileByName(session, cmd.profileName);
        const verdict = await session.call('profiles:test', { id: profile.id });
        io.stdout.write(
          cmd.json
            ? `${JSON.stringify({ profile: profile.name, ...verdict })}\n`
            : `${verdict.verdict === 'ok' ? 'OK' : verdict.verdict}: ${verdict.message}${verdict.requestId ? ` (request ${verdict.requestId})` : ''}\n`,
        );
        return verdict.verdict === 'ok' ? ExitCode.Ok : ExitCode.SomeFailed;
      }
    }
  } finally {
    await session.close();
  }
}

async function add(
  session: Session,
  cmd: Extract<ProfileCommand, { name: 'profile-add' }>,
  credential: ProfileCredentialInput,
  io: CliIo,
): Promise<number> {
  const saved = await session.call('profiles:save', {
    name: cmd.profileName,
    region: cmd.region,
    ...(cmd.endpoint !== undefined ? { endpoint: cmd.endpoint } : {}),
    defaults: cmd.metadata,
    credential,
  });
  if (cmd.makeDefault) await session.call('settings:set', { defaultProfileId: saved.id });
  io.stdout.write(
    `Saved profile "${saved.name}" (${saved.kind}${saved.accessKeyIdMasked ? ` ${saved.accessKeyIdMasked}` : ''}, ` +
      `${saved.region})${cmd.makeDefault ? ' as the default' : ''}. Check it with \`vod-upload profile test ${quote(saved.name)}\`.\n`,
  );
  return ExitCode.Ok;
}

async function list(session: Session, json: boolean, io: CliIo): Promise<number> {
  const profiles = await session.call('profiles:list', {});
  const defaultId = (await session.call('settings:get', {})).defaultProfileId;
  if (json) {
    io.stdout.write(`${JSON.stringify(profiles.map((p) => ({ ...p, isDefault: p.id === defaultId })))}\n`);
    return ExitCode.Ok;
  }
  if (profiles.length === 0) {
    io.stdout.write(`No profiles in ${session.dataDir}. Add one with \`vod-upload profile add NAME\`.\n`);
    return ExitCode.Ok;
  }
  io.stdout.write(
    renderTable(
      ['Name', 'Kind', 'Region', 'Endpoint', 'Key', 'Default'],
      profiles.map((p) => [
        p.name,
        p.kind === 'sts' && p.stsMode ? `sts (${p.stsMode})` : p.kind,
        p.region,
        p.endpoint ?? '',
        p.accessKeyIdMasked ?? p.authServiceUrl ?? '',
        p.id === defaultId ? 'yes' : '',
      ]),
    ),
  );
  return ExitCode.Ok;
}

/** Builds the credential from flags, the standard variables and (with --secret-stdin) stdin. */
async function credentialFor(
  cmd: Extract<ProfileCommand, { name: 'profile-add' }>,
  io: CliIo,
): Promise<ProfileCredentialInput> {
  const { credential: flags } = cmd;
  const env = io.env;
  const fromStdin = flags.secretStdin ? (await io.readStdin()).trim() : undefined;
  if (flags.secretStdin && !fromStdin) throw new CliError('--secret-stdin: nothing was read from stdin.');

  if (flags.authService !== undefined) {
    const token = fromStdin ?? (env['VOD_UPLOADER_AUTH_TOKEN'] || undefined);
    return { kind: 'auth-service', url: flags.authService, ...(token ? { bearerToken: token } : {}) };
  }
  const accessKeyId = flags.accessKeyId ?? (env['ALIBABA_CLOUD_ACCESS_KEY_ID'] || undefined);
  if (accessKeyId === undefined) {
    throw new UsageError(
      'profile add: give the AccessKey ID with --access-key-id or ALIBABA_CLOUD_ACCESS_KEY_ID ' +
        '(or use --auth-service URL for an authorization service).',
      'profile',
    );
  }
  const accessKeySecret = fromStdin ?? (env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] || undefined);
  if (accessKeySecret === undefined) {
    throw new UsageError(
      'profile add: pipe the AccessKey secret in with --secret-stdin, or set ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
        '(never pass a secret as an argument: it would show in `ps` and shell history).',
      'profile',
    );
  }
  if (flags.roleArn !== undefined) {
    return { kind: 'sts', mode: 'assume-role', accessKeyId, accessKeySecret, roleArn: flags.roleArn };
  }
  const securityToken = env['ALIBABA_CLOUD_SECURITY_TOKEN'] || undefined;
  if (securityToken !== undefined) {
    return { kind: 'sts', mode: 'temporary', accessKeyId, accessKeySecret, securityToken };
  }
  return { kind: 'access-key', accessKeyId, accessKeySecret };
}

function quote(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `"${name.replace(/"/g, '\\"')}"`;
}
