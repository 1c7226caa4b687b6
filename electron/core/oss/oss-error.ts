/**
 * Every failure of an OSS request as one typed error: OSS's own code, message and request id when the server
 * answered, or a synthetic code (NetworkError, RequestStalled) when it did not. The engine decides what to do
 * from `code` and `status` alone.
 */
export class OssError extends Error {
  public readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  public readonly status: number;
  public readonly requestId: string | undefined;
  public readonly hostId: string | undefined;
  /** Extra fields of the error XML (e.g. ServerTime, Endpoint, StringToSign) for logs and clock-skew repair. */
  public readonly detail: Readonly<Record<string, string>>;
  /** The answer's Date header (the server's clock), epoch ms. */
  public readonly serverDate: number | undefined;

  public constructor(
    code: string,
    message: string,
    options: {
      status?: number;
      requestId?: string | undefined;
      hostId?: string | undefined;
      detail?: Record<string, string>;
      serverDate?: number | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OssError';
    this.code = code;
    this.status = options.status ?? 0;
    this.requestId = options.requestId;
    this.hostId = options.hostId;
    this.detail = options.detail ?? {};
    this.serverDate = options.serverDate;
  }
}

/** Codes that mean "the STS credential is stale or wrong": refresh it, then retry the request. */
const AUTH_CODES = new Set([
  'SecurityTokenExpired',
  'InvalidAccessKeyId',
  'InvalidSecurityToken',
  'AccessKeyIdAndSecurityTokenNotMatch',
]);

/** Transient codes worth another attempt after a backoff. */
const RETRYABLE_CODES = new Set([
  'NetworkError',
  'ConnectionReset',
  'RequestStalled',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnAvailable',
  'Throttling',
  'TooManyRequests',
  'RequestTimeTooSkewed',
  'BadResponse',
]);

export function isAuthError(error: unknown): boolean {
  return error instanceof OssError && AUTH_CODES.has(error.code);
}

export function isRetryableOssError(error: unknown): boolean {
  if (!(error instanceof OssError)) return false;
  if (RETRYABLE_CODES.has(error.code)) return true;
  return error.status >= 500 || error.status === 429;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
