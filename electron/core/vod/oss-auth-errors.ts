/**
 * OSS error codes that mean "the upload credential is stale or wrong: get a fresh grant, then retry the part"
 * (reference §3.6 and §7). InvalidAccessKeyId is what an expired STS key looks like to OSS.
 */
const REFRESH_CODES = [
  /^SecurityTokenExpired$/,
  /^InvalidAccessKeyId$/,
  /^InvalidSecurityToken/,
  /^AccessKeyIdAndSecurityTokenNotMatch$/,
];

export function isOssCredentialRefreshError(code: string | undefined | null): boolean {
  return typeof code === 'string' && REFRESH_CODES.some((pattern) => pattern.test(code));
}
