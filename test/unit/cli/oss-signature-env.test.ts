import { describe, expect, it } from 'vitest';
import { CliError } from '../../../electron/cli/cli-error';
import { ossSignatureFromEnv } from '../../../electron/cli/session';

describe('VOD_UPLOADER_OSS_SIGNATURE', () => {
  it('leaves the engine on V4 when unset or empty', () => {
    expect(ossSignatureFromEnv({})).toEqual({});
    expect(ossSignatureFromEnv({ VOD_UPLOADER_OSS_SIGNATURE: ' ' })).toEqual({});
  });

  it('takes v1 (legacy) and v4, in any case', () => {
    expect(ossSignatureFromEnv({ VOD_UPLOADER_OSS_SIGNATURE: 'V1' })).toEqual({ ossSignatureVersion: 'v1' });
    expect(ossSignatureFromEnv({ VOD_UPLOADER_OSS_SIGNATURE: 'v4' })).toEqual({ ossSignatureVersion: 'v4' });
  });

  it('refuses anything else with the values it takes (exit 2)', () => {
    expect(() => ossSignatureFromEnv({ VOD_UPLOADER_OSS_SIGNATURE: 'v2' })).toThrow(CliError);
    expect(() => ossSignatureFromEnv({ VOD_UPLOADER_OSS_SIGNATURE: 'v2' })).toThrow(
      /v4 \(the default\) or v1/,
    );
  });
});
