import { AppError } from '../base/app-error';

/** How a call failed: the service answered with an error, or the exchange itself broke. */
export type VodFailureKind = 'api' | 'timeout' | 'network' | 'bad-response';

/**
 * A failed VOD (or STS, or authorization-service) call. `code` is the service's own code
 * (e.g. "InvalidVideo.NotFound") for API errors and VOD_TIMEOUT / VOD_NETWORK / VOD_BAD_RESPONSE otherwise,
 * so IPC hands it to the renderer as a value (it is an AppError).
 */
export class VodError extends AppError<string> {
  public readonly kind: VodFailureKind;
  public readonly httpStatus: number | undefined;
  public readonly action: string;
  /** How many attempts were made before giving up. */
  public attempts = 1;

  public constructor(init: {
    kind: VodFailureKind;
    code: string;
    message: string;
    action: string;
    httpStatus?: number;
    requestId?: string;
    cause?: unknown;
  }) {
    super(init.code, init.message, { requestId: init.requestId, cause: init.cause });
    this.name = 'VodError';
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.action = init.action;
  }

  public get retryable(): boolean {
    return isRetryableFailure(this.kind, this.code, this.httpStatus);
  }
}

/** Codes that mean "this request will never succeed as sent": retrying only wastes quota and time. */
const NEVER_RETRY = [
  /^InvalidParameter/,
  /^MissingParameter/,
  /^Forbidden/,
  /^InvalidVideo\.NotFound$/,
  /^SignatureDoesNotMatch$/,
  /^IncompleteSignature$/,
  /^InvalidAccessKeyId/,
  /^InvalidSecurityToken/,
  /^SignatureNonceUsed$/,
  /^NoPermission/,
  /^EntityNotExist/,
];

/** Transient by nature (reference §1.9 and §7). */
const ALWAYS_RETRY = [
  /^Throttling/,
  /^ServiceUnAvailable$/,
  /^ServiceUnavailable$/,
  /^InternalError$/,
  /^AddVideoFailed$/,
];

export function isRetryableFailure(
  kind: VodFailureKind,
  code: string,
  httpStatus: number | undefined,
): boolean {
  if (kind === 'timeout' || kind === 'network') return true;
  if (kind === 'bad-response') return httpStatus !== undefined && httpStatus >= 500;
  if (NEVER_RETRY.some((pattern) => pattern.test(code))) return false;
  if (ALWAYS_RETRY.some((pattern) => pattern.test(code))) return true;
  return httpStatus !== undefined && httpStatus >= 500;
}

/** Codes that say the caller's own key or token is wrong or stale (not the request). */
export function isCallerCredentialError(code: string): boolean {
  return /^(InvalidAccessKeyId|InvalidSecurityToken|SignatureDoesNotMatch|IncompleteSignature)/.test(code);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

interface TeaLikeError {
  name?: string;
  code?: unknown;
  message?: string;
  statusCode?: unknown;
  requestId?: unknown;
  data?: { RequestId?: unknown; Message?: unknown; Code?: unknown; statusCode?: unknown };
}

/** Turns whatever openapi-client threw into a VodError (reference §2.3 describes its error shapes). */
export function toVodError(error: unknown, action: string, endpoint: string): VodError {
  if (error instanceof VodError) return error;
  const e = (error ?? {}) as TeaLikeError;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const statusCode =
    typeof e.statusCode === 'number'
      ? e.statusCode
      : typeof e.data?.statusCode === 'number'
        ? e.data.statusCode
        : undefined;
  const requestId =
    typeof e.data?.RequestId === 'string'
      ? e.data.RequestId
      : typeof e.requestId === 'string'
        ? e.requestId
        : undefined;
  if (
    /timeout/i.test(name) ||
    /timeout/i.test(code) ||
    /^ReadTimeout|^ConnectTimeout/.test(e.message ?? '')
  ) {
    return new VodError({
      kind: 'timeout',
      code: 'VOD_TIMEOUT',
      message: `${action}: no answer from ${endpoint} in time.`,
      action,
      cause: error,
    });
  }
  if (name === 'SyntaxError') {
    return new VodError({
      kind: 'bad-response',
      code: 'VOD_BAD_RESPONSE',
      message: `${action}: ${endpoint} answered with something that is not JSON.`,
      action,
      httpStatus: statusCode,
      cause: error,
    });
  }
  if (NETWORK_CODES.has(code) || (statusCode === undefined && /^E[A-Z_]+$/.test(code))) {
    return new VodError({
      kind: 'network',
      code: 'VOD_NETWORK',
      message: `${action}: could not reach ${endpoint} (${code}).`,
      action,
      cause: error,
    });
  }
  if (code !== '' && statusCode !== undefined) {
    const serviceMessage = typeof e.data?.Message === 'string' ? e.data.Message : (e.message ?? code);
    return new VodError({
      kind: 'api',
      code,
      message: `${action} failed: ${code}: ${serviceMessage}`,
      action,
      httpStatus: statusCode,
      requestId,
      cause: error,
    });
  }
  return new VodError({
    kind: statusCode === undefined ? 'network' : 'bad-response',
    code: statusCode === undefined ? 'VOD_NETWORK' : 'VOD_BAD_RESPONSE',
    message: `${action} against ${endpoint} failed: ${e.message ?? String(error)}`,
    action,
    httpStatus: statusCode,
    requestId,
    cause: error,
  });
}
