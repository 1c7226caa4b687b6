/**
 * Every code the core raises on purpose, in one union: the renderer and the CLI act on these, so a new one
 * is added here (and a typo does not compile). Codes that come from a cloud service (VOD's
 * "InvalidVideo.NotFound", OSS's "NoSuchUpload"…) are not ours to list: VodError carries them as strings.
 */
export const APP_ERROR_CODES = [
  // queue database
  'DB_IN_USE',
  'DB_NOT_FOUND',
  'DB_OUTDATED',
  'DB_TOO_NEW',
  // jobs
  'ILLEGAL_TRANSITION',
  'JOB_ACTIVE',
  'JOB_NOT_FOUND',
  'NO_UPLOAD_ID',
  'INVALID_SETTINGS',
  // presets
  'PRESET_NOT_FOUND',
  'INVALID_PRESET',
  'INVALID_PRESET_FILE',
  // endpoints and upload credentials
  'INVALID_ENDPOINT',
  'UNKNOWN_REGION',
  'INVALID_UPLOAD_REQUEST',
  'NO_MEDIA_ID',
  'REFRESH_CHANGED_MEDIA',
  'UPLOAD_AUTH_INVALID',
  // profiles and secrets
  'NO_PROFILE',
  'NO_HEADLESS_CREDENTIALS',
  'PROFILE_NOT_FOUND',
  'PROFILE_NAME_TAKEN',
  'PROFILE_SECRET_REQUIRED',
  'PROFILE_KEY_ID_REQUIRED',
  'PROFILE_STS_EXPIRED',
  'PROFILE_NO_VOD_ACCESS',
  'AUTH_SERVICE_NO_DELETE',
  'SECRET_STORE_UNAVAILABLE',
  'SECRET_UNREADABLE',
  // watch folders
  'WATCH_NOT_FOLDER',
  'WATCH_OVERLAP',
  'WATCH_NOT_FOUND',
  // team queue (PostgreSQL)
  'TEAM_LEASE_LOST',
  'TEAM_PATH_MAP_INVALID',
  'TEAM_QUEUE_URL_INVALID',
  'TEAM_QUEUE_UNREACHABLE',
  'TEAM_URL_INVALID',
  'TEAM_NOT_CONFIGURED',
  'TEAM_UNAVAILABLE',
  // upload from URLs
  'LINKS_UNSUPPORTED',
  'URL_LIST_UNREADABLE',
  'URL_LIST_TOO_LARGE',
  'URL_LIST_EMPTY',
  'URL_LIST_TOO_MANY',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * An error a service throws on purpose: a stable code the renderer and the CLI can act on, a message
 * written for the person reading it, and the cloud's request id when one caused it. `Code` is one of ours
 * unless a subclass says otherwise (VodError carries the service's own codes).
 */
export class AppError<Code extends string = AppErrorCode> extends Error {
  public readonly code: Code;
  public readonly requestId: string | undefined;

  public constructor(
    code: NoInfer<Code>,
    message: string,
    options?: { requestId?: string | undefined; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.requestId = options?.requestId;
  }
}
