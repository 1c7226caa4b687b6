import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/base/app-error';
import { verdictForError } from '../../../electron/core/vod/connection-verdict';
import { VodError } from '../../../electron/core/vod/vod-error';

const api = (code: string, httpStatus = 400) =>
  new VodError({
    kind: 'api',
    code,
    message: `X failed: ${code}: details`,
    action: 'X',
    httpStatus,
    requestId: 'rid',
  });

describe('verdictForError', () => {
  it.each([
    ['InvalidAccessKeyId.NotFound', 'wrong-key'],
    ['SignatureDoesNotMatch', 'wrong-key'],
    ['InvalidSecurityToken.Expired', 'wrong-key'],
    ['Unauthorized', 'wrong-key'],
    ['Forbidden', 'no-permission'],
    ['Forbidden.RAM', 'no-permission'],
    ['NoPermission', 'no-permission'],
    ['EntityNotExist.Role', 'no-permission'],
    ['OperationDenied', 'wrong-region'],
    ['InvalidRegionId', 'wrong-region'],
    ['Throttling', 'error'],
    ['Weird', 'error'],
  ])('%s → %s, with the request id', (code, verdict) => {
    const result = verdictForError(api(code), 'VOD');
    expect(result.verdict).toBe(verdict);
    expect(result.requestId).toBe('rid');
    expect(result.message.length).toBeGreaterThan(10);
  });

  it('network and timeout failures are "unreachable"; DNS failures say so', () => {
    const dns = new VodError({ kind: 'network', code: 'VOD_NETWORK', message: 'x (ENOTFOUND)', action: 'X' });
    expect(verdictForError(dns, 'VOD')).toMatchObject({
      verdict: 'unreachable',
      message: expect.stringMatching(/DNS/),
    });
    const slow = new VodError({ kind: 'timeout', code: 'VOD_TIMEOUT', message: 't', action: 'X' });
    expect(verdictForError(slow, 'VOD').verdict).toBe('unreachable');
  });

  it('maps app errors and unknown throws without crashing', () => {
    expect(verdictForError(new AppError('UNKNOWN_REGION', 'no such region'), 'VOD').verdict).toBe(
      'wrong-region',
    );
    expect(verdictForError(new AppError('PROFILE_STS_EXPIRED', 'expired'), 'VOD').verdict).toBe('wrong-key');
    expect(verdictForError(new Error('boom'), 'VOD')).toMatchObject({
      verdict: 'error',
      message: expect.stringMatching(/boom/),
    });
  });
});
