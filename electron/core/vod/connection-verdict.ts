import type { ConnectionVerdict } from '../../../shared/domain/profile';
import { AppError } from '../base/app-error';
import { VodError } from './vod-error';

/** Turns the outcome of a profile's test call into a verdict a person can act on. */
export function verdictForError(error: unknown, where: string): ConnectionVerdict {
  const requestId = error instanceof AppError ? error.requestId : undefined;
  const verdict = (v: ConnectionVerdict['verdict'], message: string): ConnectionVerdict =>
    requestId ? { verdict: v, message, requestId } : { verdict: v, message };

  if (!(error instanceof AppError)) {
    return verdict(
      'error',
      `The test failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (error.code === 'PROFILE_STS_EXPIRED') return verdict('wrong-key', error.message);
  if (error.code === 'UNKNOWN_REGION' || error.code === 'INVALID_ENDPOINT')
    return verdict('wrong-region', error.message);
  if (!(error instanceof VodError)) return verdict('error', error.message);

  if (error.kind === 'timeout') {
    return verdict(
      'unreachable',
      `${where} did not answer in time. Check the network connection, a proxy or firewall, and the endpoint.`,
    );
  }
  if (error.kind === 'network') {
    const dns = /ENOTFOUND|EAI_AGAIN/.test(error.message);
    return verdict(
      'unreachable',
      dns
        ? `${where} could not be found (DNS). Check the region or endpoint, and the network connection.`
        : `${where} could not be reached. Check the network connection, a proxy or firewall, and the endpoint.`,
    );
  }
  const code: string = error.code;
  if (/^InvalidAccessKeyId/.test(code)) {
    return verdict(
      'wrong-key',
      'The AccessKey ID is not known to Alibaba Cloud, or it has been disabled or deleted.',
    );
  }
  if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') {
    return verdict(
      'wrong-key',
      'The AccessKey secret does not match the AccessKey ID. Paste the secret again.',
    );
  }
  if (/^InvalidSecurityToken/.test(code) || code === 'SecurityTokenExpired') {
    return verdict(
      'wrong-key',
      'The security token is invalid or has expired. Get new temporary credentials.',
    );
  }
  if (code === 'Unauthorized') {
    return verdict(
      'wrong-key',
      `${where} refused the bearer token. Check the token configured for this profile.`,
    );
  }
  if (code === 'EntityNotExist.Role' || /^EntityNotExist/.test(code)) {
    return verdict('no-permission', 'The RAM role does not exist. Check the role ARN.');
  }
  if (/^NoPermission/.test(code)) {
    return verdict(
      'no-permission',
      'The key works, but this RAM user may not assume the role (sts:AssumeRole is not granted, or the role does not trust the account).',
    );
  }
  if (/^Forbidden/.test(code) || code === 'AccessDenied') {
    return verdict(
      'no-permission',
      'The key works, but it lacks permission for ApsaraVideo VOD. Grant the RAM user (or role) the AliyunVODFullAccess policy, or a policy with vod:CreateUploadVideo, vod:CreateUploadImage, vod:CreateUploadAttachedMedia, vod:RefreshUploadVideo and vod:GetVideoInfo.',
    );
  }
  if (code === 'OperationDenied.Suspended') {
    return verdict(
      'error',
      'The Alibaba Cloud account is suspended (overdue payment). VOD refuses all calls until it is settled.',
    );
  }
  if (code === 'OperationDenied' || /Region/i.test(code)) {
    return verdict(
      'wrong-region',
      'The key works, but ApsaraVideo VOD is not available to this account in the chosen region. Check the region (and that VOD is activated there).',
    );
  }
  if (/^Throttling/.test(code) || code === 'ServiceUnAvailable' || code === 'InternalError') {
    return verdict('error', `${where} is busy or failing right now (${code}). Try again in a minute.`);
  }
  if (code === 'NotFound') {
    return verdict(
      'error',
      `${where} answered "not found": the URL does not look like an authorization service.`,
    );
  }
  return verdict('error', error.message);
}
