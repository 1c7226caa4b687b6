import { AppError } from '../base/app-error';
import type { SecretField } from '../secrets/secret-store';

export const ProfileErrorCode = {
  NotFound: 'PROFILE_NOT_FOUND',
  NameTaken: 'PROFILE_NAME_TAKEN',
  SecretRequired: 'PROFILE_SECRET_REQUIRED',
  KeyIdRequired: 'PROFILE_KEY_ID_REQUIRED',
  StsExpired: 'PROFILE_STS_EXPIRED',
  NoProfile: 'NO_PROFILE',
} as const;

export function profileNotFound(id: string): AppError {
  return new AppError(
    ProfileErrorCode.NotFound,
    `There is no profile with id ${id}; it may have been deleted.`,
  );
}

/** How a secret field is named to the user in an error ("enter the …"). */
export function secretLabel(field: SecretField): string {
  return field === 'accessKeySecret'
    ? 'AccessKey secret'
    : field === 'securityToken'
      ? 'security token'
      : 'bearer token';
}
