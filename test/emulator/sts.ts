import { type Accounts, type Principal } from './accounts';
import { type Clock, isoSeconds } from './clock';
import { ServiceError, invalidParameter } from './http/errors';
import { hexId } from './ids';
import { required } from './vod/validate';

export const STS_VERSION = '2015-04-01';

const ROLE_ARN = /^acs:ram::\d+:role\/[\w.@-]+$/i;

/**
 * sts:AssumeRole for the "STS assume-role" profile: a RAM user allowed to assume a known role gets
 * temporary credentials that can call the VOD API with that role's permissions until they expire.
 */
export function assumeRole(
  accounts: Accounts,
  clock: Clock,
  params: Readonly<Record<string, string>>,
  principal: Principal,
): Record<string, unknown> {
  const roleArn = required(params, 'RoleArn');
  const sessionName = required(params, 'RoleSessionName');
  if (!ROLE_ARN.test(roleArn)) throw invalidParameter('RoleArn', 'It is not a valid role ARN.');
  if (!/^[\w.@-]{2,64}$/.test(sessionName)) {
    throw invalidParameter('RoleSessionName', 'It must be 2-64 characters of [A-Za-z0-9_.@-].');
  }
  const duration = params.DurationSeconds === undefined ? 3600 : Number(params.DurationSeconds);
  if (!Number.isInteger(duration) || duration < 900 || duration > 3600) {
    throw new ServiceError(
      400,
      'InvalidParameter.DurationSeconds',
      'The DurationSeconds must be between 900 and 3600 (the role’s maximum session duration).',
    );
  }
  const role = accounts.roles.get(roleArn);
  if (!role) throw new ServiceError(404, 'EntityNotExist.Role', `The role not exists: ${roleArn}.`);
  if (principal.kind !== 'ram' || !principal.allowAssumeRole) {
    throw new ServiceError(
      403,
      'NoPermission',
      'You are not authorized to do this action. You should be authorized by RAM.',
    );
  }
  const expiresAt = clock.now() + duration * 1000;
  const cred = accounts.issueSts({ type: 'api', roleArn, allowUpload: role.allowUpload }, expiresAt);
  const roleId = hexId(8);
  return {
    AssumedRoleUser: { AssumedRoleId: `${roleId}:${sessionName}`, Arn: `${roleArn}/${sessionName}` },
    Credentials: {
      AccessKeyId: cred.accessKeyId,
      AccessKeySecret: cred.accessKeySecret,
      SecurityToken: cred.securityToken,
      Expiration: isoSeconds(expiresAt),
    },
  };
}
