import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/base/app-error';
import { isOssCredentialRefreshError } from '../../../electron/core/vod/oss-auth-errors';
import { isRetryableFailure, toVodError, VodError } from '../../../electron/core/vod/vod-error';

describe('VOD error classification', () => {
  it.each([
    ['Throttling', 400, true],
    ['Throttling.User', 503, true],
    ['ServiceUnAvailable', 503, true],
    ['InternalError', 500, true],
    ['SomethingNew', 502, true],
    ['InvalidParameter', 400, false],
    ['InvalidParameter.Title', 400, false],
    ['MissingParameter', 400, false],
    ['Forbidden', 403, false],
    ['Forbidden.RAM', 500, false],
    ['InvalidVideo.NotFound', 404, false],
    ['SignatureDoesNotMatch', 403, false],
    ['InvalidAccessKeyId.NotFound', 404, false],
    ['InvalidSecurityToken.Expired', 400, false],
    ['SomethingElse', 400, false],
  ])('%s (HTTP %i) retryable: %s', (code, status, expected) => {
    expect(isRetryableFailure('api', code, status)).toBe(expected);
  });

  it('retries timeouts and network errors, not a non-JSON 200', () => {
    expect(isRetryableFailure('timeout', 'VOD_TIMEOUT', undefined)).toBe(true);
    expect(isRetryableFailure('network', 'VOD_NETWORK', undefined)).toBe(true);
    expect(isRetryableFailure('bad-response', 'VOD_BAD_RESPONSE', 200)).toBe(false);
  });

  it('maps openapi-client errors (reference §2.3) to typed VodErrors that are AppErrors', () => {
    const api = toVodError(
      Object.assign(new Error('code: 404, x'), {
        code: 'InvalidVideo.NotFound',
        statusCode: 404,
        data: { RequestId: 'req-1', Message: 'The video does not exist.' },
      }),
      'GetVideoInfo',
      'http://h',
    );
    expect(api).toBeInstanceOf(AppError);
    expect(api).toMatchObject({
      kind: 'api',
      code: 'InvalidVideo.NotFound',
      httpStatus: 404,
      requestId: 'req-1',
      retryable: false,
    });
    expect(api.message).toContain('The video does not exist.');

    const timeout = toVodError(
      Object.assign(new Error('ReadTimeout(3000)'), { name: 'RequestTimeoutError' }),
      'X',
      'http://h',
    );
    expect(timeout).toMatchObject({ kind: 'timeout', code: 'VOD_TIMEOUT', retryable: true });

    const refused = toVodError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'X',
      'http://h',
    );
    expect(refused).toMatchObject({ kind: 'network', code: 'VOD_NETWORK', retryable: true });

    const same = new VodError({ kind: 'api', code: 'Forbidden', message: 'm', action: 'X' });
    expect(toVodError(same, 'Y', 'h')).toBe(same);
  });

  it('recognises the OSS codes that mean "refresh the upload credential"', () => {
    for (const code of [
      'SecurityTokenExpired',
      'InvalidAccessKeyId',
      'InvalidSecurityToken',
      'AccessKeyIdAndSecurityTokenNotMatch',
    ])
      expect(isOssCredentialRefreshError(code)).toBe(true);
    for (const code of ['NoSuchUpload', 'AccessDenied', 'SignatureDoesNotMatch', undefined])
      expect(isOssCredentialRefreshError(code)).toBe(false);
  });
});
