import type { ErrorInfo } from '../../../shared/domain/errors';
import { AppError } from '../base/app-error';
import { OriginError } from '../net/origin-client';
import { isRetryableOssError, OssError } from '../oss/oss-error';
import { SourceChangedError } from '../oss/part-stream';
import { SourceReadError } from '../oss/read-part-pool';

/**
 * Why a job stops, decided once: `source-missing` (the file is gone), `failed` with a stable code and a
 * message for people, and whether another attempt could help.
 */
export class JobFailure extends Error {
  public readonly code: string;
  public readonly requestId: string | undefined;
  public readonly retryable: boolean;
  public readonly sourceMissing: boolean;

  public constructor(
    code: string,
    message: string,
    options: {
      requestId?: string | undefined;
      retryable?: boolean;
      sourceMissing?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JobFailure';
    this.code = code;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.sourceMissing = options.sourceMissing ?? false;
  }

  public toErrorInfo(): ErrorInfo {
    return this.requestId === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, requestId: this.requestId };
  }
}

/** The upload id is gone on OSS (expired, aborted, or completed by a lost Complete): reconcile again. */
export class UploadGoneError extends Error {
  public constructor(message = 'The multipart upload no longer exists on OSS') {
    super(message);
    this.name = 'UploadGoneError';
  }
}

/** The grant now points at a new media ID / object key (image or attached re-created): start the upload over. */
export class RestartUploadError extends Error {
  public constructor(message = 'The media was re-created with a new upload address') {
    super(message);
    this.name = 'RestartUploadError';
  }
}

/** An ETag without quotes or weak prefix, upper case: for UploadPart and PutObject, the body's MD5 in hex. */
export function bareEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '').toUpperCase();
}

/** The credential's policy refuses the request (VOD's narrow upload policy allows only the writes). */
export function isPolicyRefusal(error: unknown): boolean {
  return error instanceof OssError && error.status === 403 && error.code === 'AccessDenied';
}

const READ_MESSAGES: Record<string, string> = {
  EACCES: 'The file cannot be read (permission denied).',
  EPERM: 'The file cannot be read (operation not permitted).',
  EISDIR: 'The path is a folder, not a file.',
  EBUSY: 'The file is locked by another program.',
};

export function sourceFailure(error: SourceReadError | NodeJS.ErrnoException, path: string): JobFailure {
  const code = error.code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new JobFailure('SourceMissing', `The file is no longer at ${path}.`, {
      sourceMissing: true,
      cause: error,
    });
  }
  return new JobFailure('SourceUnreadable', READ_MESSAGES[code] ?? `The file cannot be read (${code}).`, {
    retryable: code === 'EBUSY' || code === 'EIO',
    cause: error,
  });
}

/** Any error from a job attempt, as a JobFailure. */
export function toJobFailure(error: unknown, path: string): JobFailure {
  if (error instanceof JobFailure) return error;
  if (error instanceof SourceReadError) return sourceFailure(error, path);
  if (error instanceof SourceChangedError) {
    return new JobFailure(
      'SourceChanged',
      'The file was modified while it was uploading. Remove it and add it again once it is final.',
      { cause: error },
    );
  }
  if (error instanceof OriginError) {
    return new JobFailure(error.code, error.message, { retryable: error.retryable, cause: error });
  }
  if (error instanceof OssError) {
    return new JobFailure(error.code, error.message, {
      requestId: error.requestId,
      retryable: isRetryableOssError(error),
      cause: error,
    });
  }
  if (error instanceof AppError) {
    return new JobFailure(error.code, error.message, {
      requestId: error.requestId,
      retryable: isRetryableAppError(error),
      cause: error,
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new JobFailure(typeof code === 'string' ? code : 'UnexpectedError', message, { cause: error });
}

function isRetryableAppError(error: AppError & { retryable?: unknown }): boolean {
  if (typeof error.retryable === 'boolean') return error.retryable;
  return /Throttling|ServiceUnavailable|InternalError|Timeout|NETWORK|Network|UNREACHABLE/i.test(error.code);
}
